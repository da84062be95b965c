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

// The form of a document: as the user leaves a field, the server checks the whole form
// with its own rules (action=check) and the page shows, at each field already touched,
// the message the server gives, in the server's words.
(function () {
  "use strict";
  var form = document.querySelector("form[data-check]");
  if (!form || !window.fetch || !window.FormData || !window.DOMParser) return;
  var touched = {}, timer = null;
  function place(field, msg) {
    var box = field.closest(".field");
    if (!box) return;
    var old = box.querySelector(".msg");
    if (old) old.remove();
    var ids = (field.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== field.id + "-err"; });
    if (msg) {
      var p = document.createElement("p");
      p.className = "msg"; p.id = field.id + "-err"; p.textContent = msg;
      field.insertAdjacentElement("afterend", p);
      ids.unshift(p.id);
      field.setAttribute("aria-invalid", "true");
    } else {
      field.removeAttribute("aria-invalid");
    }
    if (ids.length) field.setAttribute("aria-describedby", ids.join(" ")); else field.removeAttribute("aria-describedby");
    box.classList.toggle("invalid", !!msg);
  }
  function check() {
    var data = new FormData(form);
    data.set("action", "check");
    fetch(form.getAttribute("action"), { method: "POST", body: new URLSearchParams(data), credentials: "same-origin" })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        Object.keys(touched).forEach(function (id) {
          var field = document.getElementById(id);
          var err = doc.getElementById(id + "-err");
          if (field) place(field, err ? err.textContent : "");
        });
      })
      .catch(function () {});
  }
  form.addEventListener("change", function (e) {
    if (!e.target.id || e.target.id.indexOf("f-") !== 0) return;
    touched[e.target.id] = true;
    clearTimeout(timer); timer = setTimeout(check, 250);
  });
})();

// A file over the server's limit is refused here, before sending, so what was typed stays
// on the page; without this script the server answers the page again with its message.
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[type=file][data-max-bytes]");
  Array.prototype.forEach.call(inputs, function (input) {
    if (!input.form) return;
    input.form.addEventListener("submit", function (e) {
      var max = Number(input.getAttribute("data-max-bytes")), files = input.files || [];
      for (var i = 0; i < files.length; i++) {
        if (max > 0 && files[i].size > max) {
          e.preventDefault();
          var box = input.closest(".field"), p = document.getElementById(input.id + "-err");
          if (!p) {
            p = document.createElement("p");
            p.className = "msg"; p.id = input.id + "-err"; p.setAttribute("role", "alert");
            box.appendChild(p);
            input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + p.id).trim());
          }
          p.textContent = input.getAttribute("data-too-large");
          input.setAttribute("aria-invalid", "true");
          box.classList.add("invalid");
          input.focus();
          return;
        }
      }
    });
  });
})();
