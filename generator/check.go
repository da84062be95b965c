package generator

import (
	"strings"

	"vanthu/apperr"
	"vanthu/typeset"
)

// Check refuses a document that carries a part its kind does not print, or whose parts
// contradict each other, with an apperr.Invalid error naming each field in Vietnamese.
// Nothing given is dropped silently: a recipient list passed to a report used to vanish
// without a word. Render calls it; callers that build documents from user input may call
// it first to show the messages beside the fields.
func (d *Document) Check() error {
	spec, ok := d.Kind.Spec()
	if !ok {
		return apperr.InvalidFields(map[string]string{"kind": "Loại văn bản “" + string(d.Kind) + "” không có trong danh mục."})
	}
	var bad map[string]string // made on the first fault: a valid document allocates nothing
	name := spec.Name
	fault := func(field, message string) {
		if bad == nil {
			bad = map[string]string{}
		}
		bad[field] = message
	}
	// refuse faults field when it is given for a kind that has no such part.
	refuse := func(field string, given bool, part string) {
		if given {
			fault(field, name+" không có phần "+part+": bỏ trường “"+field+"” hoặc chọn loại văn bản khác.")
		}
	}
	decision := d.Kind == QuyetDinh || d.Kind == QuyetDinhBanHanh
	if spec.Certificate {
		refuse("recipients", len(d.Recipients) > 0, "Kính gửi")
		if len(d.Body) > 0 {
			fault("body", name+" in nội dung ở phần “certificate.lines”, không dùng “body”.")
		}
		refuse("articles", len(d.Articles) > 0, "các Điều")
		refuse("copy_to", len(d.CopyTo.Items) > 0 || d.CopyTo.Archive != "", "Nơi nhận")
		refuse("annexes", len(d.Annexes) > 0, "Phụ lục")
		refuse("attachment", d.Attachment != nil, "văn bản kèm theo")
	} else {
		if d.Certificate != nil {
			fault("certificate", "Chỉ Giấy khen, Giấy công nhận có phần “certificate”.")
		}
	}
	if !spec.Certificate && !d.Kind.TakesRecipients() {
		if len(listItems(d.Recipients)) > 0 {
			fault("recipients", name+" không có phần Kính gửi: ghi nơi nhận văn bản ở phần Nơi nhận (“copy_to”).")
		}
	}
	if !decision {
		refuse("bases", len(d.Bases) > 0, "căn cứ ban hành")
		refuse("proposal", strings.TrimSpace(d.Proposal) != "", "“Theo đề nghị của …”")
		refuse("authority", strings.TrimSpace(d.Authority) != "", "thẩm quyền ban hành")
	}
	if !spec.TwoSigners {
		refuse("secretary", d.Secretary != nil, "chữ ký của thư ký")
	}
	if d.Kind != BienBan {
		refuse("minutes", d.Minutes != nil, "diễn biến cuộc họp")
	}
	if spec.NoCopyTo && !spec.Certificate {
		refuse("copy_to", len(d.CopyTo.Items) > 0 || d.CopyTo.Archive != "", "Nơi nhận")
	}
	if spec.Unnumbered {
		refuse("number", d.Number != 0, "số, ký hiệu (không vào sổ văn bản đi)")
		refuse("secrecy", d.Secrecy != "", "dấu độ mật")
		refuse("urgency", d.Urgency != "", "dấu độ khẩn")
		refuse("address", len(d.Address) > 0, "địa chỉ cơ quan")
	}
	if d.Kind != GiayMoi {
		refuse("invitation", d.Invitation != nil, "thời gian, địa điểm của giấy mời")
	}
	if decision {
		if field, msg := authorityAgreement(d.Authority, &d.Signer); field != "" {
			fault(field, msg)
		}
	}
	if d.Secrecy != "" && markOf(d.Secrecy, secrecyMarks) == "" {
		fault("secrecy", "Độ mật là một trong: MẬT, TỐI MẬT, TUYỆT MẬT.")
	}
	if d.Urgency != "" && markOf(d.Urgency, urgencyMarks) == "" {
		fault("urgency", "Mức độ khẩn là một trong: KHẨN, THƯỢNG KHẨN, HỎA TỐC.")
	}
	if d.Copies < 0 {
		fault("copies", "Số lượng bản phát hành không được âm.")
	}
	if spec.Certificate {
		refuse("secrecy", d.Secrecy != "", "dấu độ mật")
		refuse("urgency", d.Urgency != "", "dấu độ khẩn")
		refuse("circulation", d.Circulation != "", "chỉ dẫn phạm vi lưu hành")
		refuse("drafter", d.Drafter != "" || d.Copies > 0, "ký hiệu người soạn thảo")
		refuse("address", len(d.Address) > 0, "địa chỉ cơ quan")
	}
	if len(bad) > 0 {
		return apperr.InvalidFields(bad)
	}
	return nil
}

// The marks Decree 30 allows (Annex I, Part II, 2–3), as printed.
var (
	secrecyMarks = []string{"MẬT", "TỐI MẬT", "TUYỆT MẬT"}
	urgencyMarks = []string{"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"}
)

// markOf returns the printed form of a secrecy or urgency mark given in any case, or ""
// when it is not one of marks. "HOẢ TỐC", the decree's own spelling, is "HỎA TỐC".
func markOf(given string, marks []string) string {
	m := strings.Join(strings.Fields(typeset.Upper(given)), " ")
	if m == "HOẢ TỐC" {
		m = "HỎA TỐC"
	}
	for _, ok := range marks {
		if m == ok {
			return m
		}
	}
	return ""
}

// headTitles begin the title of a person who decides alone: an authority line starting
// with one names the head of the agency ("CHỦ TỊCH ỦY BAN NHÂN DÂN …"), any other names a
// collective ("ỦY BAN NHÂN DÂN …", "BAN CHỈ ĐẠO …").
var headTitles = []string{"CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG", "CHÁNH", "BỘ TRƯỞNG", "TỔNG",
	"HIỆU TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "THỦ TRƯỞNG", "VIỆN TRƯỞNG", "CHỈ HUY TRƯỞNG"}

// authorityAgreement checks that a decision's signature agrees with its authority
// (Annex I, II.7): a collective's decision is signed TM. <the collective>; the head's
// decision is signed by the head under his own title, or KT. (Q., TL., TUQ.) for him,
// never TM. It returns the field at fault and the message, or "" when they agree.
func authorityAgreement(authority string, s *Signer) (string, string) {
	auth := typeset.Upper(strings.TrimSpace(authority))
	if auth == "" || strings.Contains(auth, "…") {
		return "", "" // none, or a blank form's dots: nothing to agree with yet
	}
	prefix := strings.TrimRight(strings.ToUpper(strings.TrimSpace(s.Prefix)), ".")
	head := false
	for _, t := range headTitles {
		if strings.HasPrefix(auth, t+" ") {
			head = true
			break
		}
	}
	switch {
	case head && prefix == "TM":
		return "signer.prefix", "Thẩm quyền ban hành là “" + auth + "” (người đứng đầu): người ký ký trực tiếp với chức vụ của mình hoặc “KT.”, không ký “TM.” (thay mặt tập thể)."
	case !head && prefix != "TM":
		return "signer.prefix", "Thẩm quyền ban hành là “" + auth + "” (tập thể): người ký phải ký “TM. " + collectiveName(auth) + "”."
	}
	return "", ""
}

// collectiveName shortens "ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN" to "ỦY BAN NHÂN DÂN" for the message.
func collectiveName(auth string) string {
	for _, unit := range []string{" TỈNH ", " THÀNH PHỐ ", " HUYỆN ", " QUẬN ", " THỊ XÃ ", " XÃ ", " PHƯỜNG ", " THỊ TRẤN ", " ĐẶC KHU "} {
		if i := strings.Index(auth, unit); i > 0 {
			return auth[:i]
		}
	}
	return auth
}
