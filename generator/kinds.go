package generator

// KindSpec is what Decree 30 Annex III fixes for a kind of document: its printed name, the
// abbreviation used in symbols, and which parts the layout has.
type KindSpec struct {
	// Title is the tên loại printed in capitals; empty for a công văn, which has none.
	Title string
	// Name is the tên loại as written in the register ("Công văn", "Quyết định").
	Name string
	// Abbrev is the type abbreviation of the symbol ("QĐ" in "15/QĐ-UBND"); a công văn has none.
	Abbrev string
	// RecipientsAfterTitle puts Kính gửi under the trích yếu (tờ trình, giấy mời) rather than
	// under the header (công văn).
	RecipientsAfterTitle bool
	// DateInHeader is false for minutes, whose date is written in the body.
	DateInHeader bool
	// Certificate kinds print on A4 landscape with the certificate layout.
	Certificate bool
	// Unnumbered kinds are not entered in the register: the header holds neither the issuer
	// nor a "Số:" line, only the Quốc hiệu and Tiêu ngữ, centred, and the place and date.
	Unnumbered bool
	// TwoSigners kinds are signed side by side, Document.Secretary on the left and
	// Document.Signer on the right, their names on one line, as a biên bản is.
	TwoSigners bool
	// NoCopyTo kinds have no Nơi nhận block.
	NoCopyTo bool
}

// kindSpecs holds the data of every kind, in one place.
var kindSpecs = map[Kind]KindSpec{
	CongVan:          {Name: "Công văn", DateInHeader: true},
	QuyetDinh:        {Title: "QUYẾT ĐỊNH", Name: "Quyết định", Abbrev: "QĐ", DateInHeader: true},
	QuyetDinhBanHanh: {Title: "QUYẾT ĐỊNH", Name: "Quyết định", Abbrev: "QĐ", DateInHeader: true},
	ToTrinh:          {Title: "TỜ TRÌNH", Name: "Tờ trình", Abbrev: "TTr", RecipientsAfterTitle: true, DateInHeader: true},
	BaoCao:           {Title: "BÁO CÁO", Name: "Báo cáo", Abbrev: "BC", DateInHeader: true},
	KeHoach:          {Title: "KẾ HOẠCH", Name: "Kế hoạch", Abbrev: "KH", DateInHeader: true},
	ThongBao:         {Title: "THÔNG BÁO", Name: "Thông báo", Abbrev: "TB", DateInHeader: true},
	BienBan:          {Title: "BIÊN BẢN", Name: "Biên bản", Abbrev: "BB", TwoSigners: true},
	GiayMoi:          {Title: "GIẤY MỜI", Name: "Giấy mời", Abbrev: "GM", DateInHeader: true}, // no Kính gửi: "… trân trọng kính mời: …"
	GiayKhen:         {Title: "GIẤY KHEN", Name: "Giấy khen", Abbrev: "GK", DateInHeader: true, Certificate: true},
	GiayCongNhan:     {Title: "GIẤY CÔNG NHẬN", Name: "Giấy công nhận", Abbrev: "GCN", DateInHeader: true, Certificate: true},
	BaoCaoThanhTich: {Title: "BÁO CÁO THÀNH TÍCH", Name: "Báo cáo thành tích", Abbrev: "BC", DateInHeader: true,
		Unnumbered: true, TwoSigners: true, NoCopyTo: true},
}

// Spec returns the data of kind k and whether the kind is known.
func (k Kind) Spec() (KindSpec, bool) {
	s, ok := kindSpecs[k]
	return s, ok
}

// TakesRecipients reports whether documents of kind k print their Recipients: in the
// Kính gửi block (công văn, tờ trình) or, for a giấy mời, after "trân trọng kính mời:".
// Other kinds refuse them (see Document.Check).
func (k Kind) TakesRecipients() bool {
	s, _ := k.Spec()
	return k == CongVan || k == GiayMoi || s.RecipientsAfterTitle
}

// TakesCopyTo reports whether documents of kind k print a Nơi nhận block: every kind but
// the certificates and the kinds without one (an achievement report).
func (k Kind) TakesCopyTo() bool {
	s, _ := k.Spec()
	return !s.Certificate && !s.NoCopyTo
}

// Symbol composes the ký hiệu of a document: "<issuer>-<drafting unit>" for a công văn
// ("UBND-NC"), "<type>-<issuer>" for named documents ("QĐ-UBND"). draftingUnit is used only
// by a công văn; a named document may append it after the issuer ("QĐ-UBND-NC") when given.
func (k Kind) Symbol(issuerShort, draftingUnit string) string {
	s, _ := k.Spec()
	if s.Abbrev == "" {
		if draftingUnit == "" {
			return issuerShort
		}
		return issuerShort + "-" + draftingUnit
	}
	if draftingUnit == "" {
		return s.Abbrev + "-" + issuerShort
	}
	return s.Abbrev + "-" + issuerShort + "-" + draftingUnit
}
