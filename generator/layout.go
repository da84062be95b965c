package generator

import "strconv"

// Layout holds every size, margin, indent and spacing of Decree 30/2020/NĐ-CP, Annex I, in
// one place. Sizes are in points, lengths in millimetres unless the name says otherwise.
// DefaultLayout picks a value inside each range the decree allows; a deployment may load
// another Layout from JSON, and Check rejects values outside the decree's ranges.
type Layout struct {
	Font string `json:"font"` // Times New Roman (TCVN 6909:2001 Unicode)
	Lang string `json:"lang"`

	PageWidthMM   float64 `json:"page_width_mm"`  // A4: 210
	PageHeightMM  float64 `json:"page_height_mm"` // A4: 297
	MarginTopMM   float64 `json:"margin_top_mm"`  // 20–25
	MarginBotMM   float64 `json:"margin_bottom_mm"`
	MarginLeftMM  float64 `json:"margin_left_mm"`  // 30–35
	MarginRightMM float64 `json:"margin_right_mm"` // 15–20
	// HeaderDistanceMM is where the page number sits, from the top edge, inside the top margin.
	HeaderDistanceMM float64 `json:"header_distance_mm"`
	// CertificateMarginMM is the margin on every side of a certificate (A4 landscape).
	CertificateMarginMM float64 `json:"certificate_margin_mm"`

	NationalTitleSize float64 `json:"national_title_size"` // Quốc hiệu: 12–13, bold, upper
	MottoSize         float64 `json:"motto_size"`          // Tiêu ngữ: 13–14, bold
	ParentSize        float64 `json:"parent_size"`         // cơ quan chủ quản: 12–13, upper
	IssuerSize        float64 `json:"issuer_size"`         // cơ quan ban hành: 12–13, bold, upper
	NumberSize        float64 `json:"number_size"`         // Số, ký hiệu: 13
	PlaceDateSize     float64 `json:"place_date_size"`     // địa danh, ngày tháng: 13–14, italic
	KindTitleSize     float64 `json:"kind_title_size"`     // tên loại: 13–14, bold, upper
	SubjectSize       float64 `json:"subject_size"`        // trích yếu: 13–14, bold
	VvSize            float64 `json:"vv_size"`             // trích yếu of a công văn: 12–13
	RecipientSize     float64 `json:"recipient_size"`      // Kính gửi: 13–14
	BodySize          float64 `json:"body_size"`           // nội dung: 13–14
	SignerSize        float64 `json:"signer_size"`         // quyền hạn, chức vụ, họ tên: 13–14, bold
	CopyToLabelSize   float64 `json:"copy_to_label_size"`  // "Nơi nhận:": 12, bold italic
	CopyToItemSize    float64 `json:"copy_to_item_size"`   // items: 11
	PageNumberSize    float64 `json:"page_number_size"`    // 13–14
	TableSize         float64 `json:"table_size"`          // annex tables

	// Certificates (Giấy khen, Giấy công nhận) are not sized by Decree 30; these values
	// follow the usual printed forms.
	CertificateGrantorSize   float64 `json:"certificate_grantor_size"`
	CertificateTitleSize     float64 `json:"certificate_title_size"`
	CertificateRecipientSize float64 `json:"certificate_recipient_size"`
	CertificateTextSize      float64 `json:"certificate_text_size"`

	BodyFirstLineMM   float64 `json:"body_first_line_mm"`   // 10–12.7
	BodySpaceBeforePt float64 `json:"body_space_before_pt"` // ≥ 6 between paragraphs
	BodyLineSpacing   float64 `json:"body_line_spacing"`    // 1.0–1.5 lines
	VvSpaceBeforePt   float64 `json:"vv_space_before_pt"`   // V/v 6 pt below Số
	// SignatureSpacePt is the blank height left for the hand signature and the seal.
	SignatureSpacePt float64 `json:"signature_space_pt"`
	// IssuerRuleFraction is the length of the line under the issuer (and under a trích yếu)
	// as a fraction of the text above it: 1/3 to 1/2.
	IssuerRuleFraction float64 `json:"issuer_rule_fraction"`
	// RuleWeight is the thickness of those lines in eighths of a point.
	RuleWeight int `json:"rule_weight"`
	// HeaderLeftShare is the share of the text width given to the header's left column when
	// the Quốc hiệu leaves more room than it needs; the right column never gets less than the
	// Quốc hiệu's measured width.
	HeaderLeftShare float64 `json:"header_left_share"`
	// HeaderOverhangMM widens the header table into the left margin, as most templates do,
	// so that the issuer's name and a công văn's V/v wrap less.
	HeaderOverhangMM float64 `json:"header_overhang_mm"`
	// RecipientIndentMM is where "Kính gửi:" starts when there are several recipients.
	RecipientIndentMM float64 `json:"recipient_indent_mm"`
	// CopyToShare is the share of the text width of the Nơi nhận column beside the signer.
	CopyToShare float64 `json:"copy_to_share"`
	// Compounds adds words, in lower case ("ban quản lý"), to the list of words a title, a
	// V/v or a reference line must not be broken inside (typeset's compounds.txt).
	Compounds []string `json:"compounds,omitempty"`
}

// DefaultLayout returns the layout most People's Committees use, within Decree 30's ranges.
func DefaultLayout() Layout {
	return Layout{
		Font: "Times New Roman", Lang: "vi-VN",
		PageWidthMM: 210, PageHeightMM: 297,
		MarginTopMM: 20, MarginBotMM: 20, MarginLeftMM: 30, MarginRightMM: 15,
		HeaderDistanceMM:    10,
		CertificateMarginMM: 15,

		NationalTitleSize: 13, MottoSize: 14, ParentSize: 13, IssuerSize: 13,
		NumberSize: 13, PlaceDateSize: 14, KindTitleSize: 14, SubjectSize: 14,
		VvSize: 12, RecipientSize: 14, BodySize: 14, SignerSize: 14,
		CopyToLabelSize: 12, CopyToItemSize: 11, PageNumberSize: 13, TableSize: 13,
		CertificateGrantorSize: 16, CertificateTitleSize: 40, CertificateRecipientSize: 22,
		CertificateTextSize: 15,

		BodyFirstLineMM: 12.7, BodySpaceBeforePt: 6, BodyLineSpacing: 1.0,
		VvSpaceBeforePt: 6, SignatureSpacePt: 80,
		IssuerRuleFraction: 0.4, RuleWeight: 6,
		HeaderLeftShare: 0.36, HeaderOverhangMM: 5, RecipientIndentMM: 20, CopyToShare: 0.45,
	}
}

// between reports whether v lies in [lo, hi].
func between(v, lo, hi float64) bool { return v >= lo && v <= hi }

// Check returns the first value outside the ranges Decree 30 allows, as an error naming it.
func (l Layout) Check() error {
	checks := []struct {
		name      string
		v, lo, hi float64
	}{
		{"margin_top_mm", l.MarginTopMM, 20, 25},
		{"margin_bottom_mm", l.MarginBotMM, 20, 25},
		{"margin_left_mm", l.MarginLeftMM, 30, 35},
		{"margin_right_mm", l.MarginRightMM, 15, 20},
		{"national_title_size", l.NationalTitleSize, 12, 13},
		{"motto_size", l.MottoSize, 13, 14},
		{"parent_size", l.ParentSize, 12, 13},
		{"issuer_size", l.IssuerSize, 12, 13},
		{"number_size", l.NumberSize, 13, 13},
		{"place_date_size", l.PlaceDateSize, 13, 14},
		{"kind_title_size", l.KindTitleSize, 13, 14},
		{"subject_size", l.SubjectSize, 13, 14},
		{"vv_size", l.VvSize, 12, 13},
		{"recipient_size", l.RecipientSize, 13, 14},
		{"body_size", l.BodySize, 13, 14},
		{"signer_size", l.SignerSize, 13, 14},
		{"copy_to_label_size", l.CopyToLabelSize, 12, 12},
		{"copy_to_item_size", l.CopyToItemSize, 11, 11},
		{"page_number_size", l.PageNumberSize, 13, 14},
		{"body_first_line_mm", l.BodyFirstLineMM, 10, 12.7},
		{"body_space_before_pt", l.BodySpaceBeforePt, 6, 24},
		{"body_line_spacing", l.BodyLineSpacing, 1, 1.5},
		{"issuer_rule_fraction", l.IssuerRuleFraction, 1.0 / 3, 0.5},
	}
	for _, c := range checks {
		if !between(c.v, c.lo, c.hi) {
			return &LayoutError{Name: c.name, Value: c.v, Min: c.lo, Max: c.hi}
		}
	}
	return nil
}

// LayoutError reports a layout value outside Decree 30's range.
type LayoutError struct {
	Name            string
	Value, Min, Max float64
}

func (e *LayoutError) Error() string {
	return "layout: " + e.Name + " = " + ftoa(e.Value) + " is outside Decree 30's range " + ftoa(e.Min) + "–" + ftoa(e.Max)
}

// Unit conversions used by the renderer.
func mmToTwips(mm float64) int  { return int(mm*1440/25.4 + 0.5) }
func ptToTwips(pt float64) int  { return int(pt*20 + 0.5) }
func halfPoints(pt float64) int { return int(pt*2 + 0.5) }
func twipsToPt(tw int) float64  { return float64(tw) / 20 }

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
