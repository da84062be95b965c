// vanthu pages: optional enhancement. Every page works without this file.
// The checklist saves as the inspector answers: the form is posted as the "Lưu" button
// posts it, and the page the server answers gives the new version and the state. A send
// waits for a save under way, so it never carries a stale version.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData || !window.DOMParser) return;
  var state = form.querySelector("[data-state]");
  var version = form.querySelector("input[name=version]");
  var timer = null, busy = false, again = false, submitter = null;
  function show(text, cls) { state.textContent = text; state.className = "state " + cls; }
  function later(ms) { clearTimeout(timer); timer = setTimeout(function () { timer = null; save(); }, ms); }
  function done() {
    busy = false;
    if (again) { again = false; save(); return; }
    if (submitter) { var s = submitter; submitter = null; form.requestSubmit(s); }
  }
  function save() {
    if (busy) { again = true; return; }
    busy = true;
    var data = new FormData(form);
    data.set("action", "save");
    show("Đang lưu…", "dirty");
    fetch(form.getAttribute("action") || location.href, { method: "POST", body: new URLSearchParams(data), credentials: "same-origin" })
      .then(function (res) {
        return res.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          if (!res.ok) {
            var err = doc.querySelector(".error");
            submitter = null;
            show(err ? err.textContent : "Chưa lưu được (lỗi " + res.status + ").", "dirty");
            return;
          }
          var v = doc.querySelector("input[name=version]");
          if (v) version.value = v.value;
          var s = doc.querySelector("[data-state]");
          show(s ? s.textContent : "Đã lưu", "saved");
        });
      })
      .catch(function () { submitter = null; show("Chưa lưu: mất kết nối. Bấm “Lưu” để thử lại.", "dirty"); })
      .then(done);
  }
  form.addEventListener("change", function () { later(300); });
  form.addEventListener("input", function (e) {
    if (e.target.tagName === "TEXTAREA") { show("Có thay đổi chưa lưu…", "dirty"); later(1200); }
  });
  form.addEventListener("submit", function (e) {
    if (!busy && !timer) return;
    e.preventDefault();
    submitter = e.submitter || null;
    if (timer) { clearTimeout(timer); timer = null; save(); }
  });
})();
