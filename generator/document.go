package generator

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Kind names a kind of administrative document of Decree 30/2020/NĐ-CP, Annex III.
type Kind string

// The document kinds the forms need. The values are the names used in input files.
const (
	CongVan          Kind = "cong-van"            // 1.5 công văn
	QuyetDinh        Kind = "quyet-dinh"          // 1.2 quyết định (direct)
	QuyetDinhBanHanh Kind = "quyet-dinh-ban-hanh" // 1.3 quyết định issuing an attached document
	ToTrinh          Kind = "to-trinh"            // 1.4 tờ trình
	BaoCao           Kind = "bao-cao"             // 1.4 báo cáo
	KeHoach          Kind = "ke-hoach"            // 1.4 kế hoạch
	ThongBao         Kind = "thong-bao"           // 1.4 thông báo
	BienBan          Kind = "bien-ban"            // 1.9 biên bản
	GiayMoi          Kind = "giay-moi"            // 1.7 giấy mời
	GiayKhen         Kind = "giay-khen"           // certificate: Giấy khen
	GiayCongNhan     Kind = "giay-cong-nhan"      // certificate: Giấy công nhận
)

// Document is one administrative document, as the secretariat would draft it. The generator
// writes what it is given: routing, numbering and validation happen before it.
type Document struct {
	Kind Kind `json:"kind"`

	// Parent is the cơ quan chủ quản ("UBND TỈNH THANH HOÁ"), empty when there is none.
	Parent string `json:"parent,omitempty"`
	// Issuer is the cơ quan ban hành. A "\n" in it forces the line split; otherwise the
	// generator splits it at a word boundary that fits the header column.
	Issuer string `json:"issuer"`
	// IssuedBy names the issuer in running text ("UBND tỉnh Thanh Hoá"), for the
	// "(Kèm theo … của …)" line of annexes and attached documents.
	IssuedBy string `json:"issued_by,omitempty"`
	// Number is the number in the outgoing register; 0 for a draft, printed as blank space.
	Number int `json:"number,omitempty"`
	// Symbol is the ký hiệu after the "/": "UBND-NC", "QĐ-UBND".
	Symbol string `json:"symbol"`
	// Place is the địa danh before the date ("Thanh Hoá").
	Place string `json:"place"`
	// Date is the date of issue; a zero date prints blanks to be filled by hand.
	Date Date `json:"date"`

	// Secrecy is the độ mật (Annex I, Part II, 2; box 10a): "MẬT", "TỐI MẬT" or "TUYỆT MẬT",
	// printed under the number. A secret document takes its number from the separate series
	// of secret documents and is entered in their own register (Decree 30, art. 15.2): the
	// register, not the generator, keeps that series; Secret reports the case.
	Secrecy string `json:"secrecy,omitempty"`
	// Urgency is the mức độ khẩn (box 10b): "KHẨN", "THƯỢNG KHẨN" or "HỎA TỐC", printed in a
	// single-line rectangle under the secrecy mark; the register shows it.
	Urgency string `json:"urgency,omitempty"`
	// Circulation limits the use of the document (box 11): "XEM XONG TRẢ LẠI", "LƯU HÀNH
	// NỘI BỘ", printed in a single-line rectangle under the place and date.
	Circulation string `json:"circulation,omitempty"`
	// Drafter and Copies are the drafter's symbol and the number of copies issued (box 12),
	// printed "PL.(05)" under the Nơi nhận.
	Drafter string `json:"drafter,omitempty"`
	Copies  int    `json:"copies,omitempty"`
	// Address holds the agency's address, e-mail, website, telephone and fax lines (box 13),
	// printed at the foot of the first page under a full-width rule.
	Address []string `json:"address,omitempty"`

	// Title overrides the tên loại derived from Kind ("QUY CHẾ", "BÁO CÁO NHANH").
	Title string `json:"title,omitempty"`
	// Subject is the trích yếu: after "V/v" for a công văn, under the tên loại otherwise.
	Subject string `json:"subject"`

	// Recipients are the Kính gửi lines; for a giấy mời, who is invited ("trân trọng kính
	// mời: …"). A kind that prints neither refuses them (see Check).
	Recipients []string `json:"recipients,omitempty"`
	// Bases are the căn cứ lines of a decision, printed in italic.
	Bases []string `json:"bases,omitempty"`
	// Proposal is the "Theo đề nghị của …" line of a decision.
	Proposal string `json:"proposal,omitempty"`
	// Authority is who decides, printed centred above "QUYẾT ĐỊNH:" ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH").
	Authority string `json:"authority,omitempty"`

	// Body holds the paragraphs of the content.
	Body []Block `json:"body,omitempty"`
	// Articles are the "Điều n." of a decision, numbered in order.
	Articles []Article `json:"articles,omitempty"`

	// Minutes holds the parts of a biên bản around its Body (Annex III, Mẫu 1.9): start
	// time, place, participants, chair and secretary before it; conclusion and closing after.
	Minutes *Minutes `json:"minutes,omitempty"`

	// Invitation holds the detail lines of a giấy mời (Annex III, Mẫu 1.7).
	Invitation *Invitation `json:"invitation,omitempty"`

	// Signer signs on the right; for minutes it is the CHỦ TỌA, for inspection minutes the
	// representative of the inspected unit.
	Signer Signer `json:"signer"`
	// Secretary signs on the left of minutes (THƯ KÝ); for inspection minutes, the
	// representative of the inspection team.
	Secretary *Signer `json:"secretary,omitempty"`

	// CopyTo is the Nơi nhận block.
	CopyTo CopyTo `json:"copy_to"`

	// Attachment is the document a QuyetDinhBanHanh issues, printed after it on a new page.
	Attachment *Attachment `json:"attachment,omitempty"`
	// Annexes are printed after the document, each on a new page.
	Annexes []Annex `json:"annexes,omitempty"`

	// Certificate holds the parts of a Giấy khen / Giấy công nhận.
	Certificate *Certificate `json:"certificate,omitempty"`
}

// Secret reports whether d bears a secrecy mark, and so belongs to the separate number
// series and register of secret documents (Decree 30, art. 15.2).
func (d *Document) Secret() bool { return strings.TrimSpace(d.Secrecy) != "" }

// Minutes are the fixed parts of a biên bản (Annex III, Mẫu 1.9). The content between
// them is the Document's Body, with its sections and tables.
type Minutes struct {
	// Start is when the meeting began: "08 giờ 00 phút, ngày 03 tháng 11 năm 2025".
	Start string `json:"start"`
	// Place is where it was held.
	Place string `json:"place"`
	// Present, Absent and Invited list the participants, one person or group a line.
	Present []string `json:"present,omitempty"`
	Absent  []string `json:"absent,omitempty"`
	Invited []string `json:"invited,omitempty"`
	// Chair and Secretary name the chairperson and the person taking the minutes, with
	// their posts: "Ông Trần Văn Hòa - Trưởng thôn".
	Chair     string `json:"chair,omitempty"`
	Secretary string `json:"secretary,omitempty"`
	// Conclusion follows the content under "Kết luận:".
	Conclusion []Block `json:"conclusion,omitempty"`
	// End is when the meeting closed: "10 giờ 30 phút cùng ngày".
	End string `json:"end"`
	// ReadOut replaces the sentence saying the minutes were read out and agreed.
	ReadOut string `json:"read_out,omitempty"`
	// Inspected names the inspected unit of inspection minutes ("thôn Đông Hải"): the
	// minutes then speak of an inspection, and the signatures default to ĐẠI DIỆN ĐOÀN
	// KIỂM TRA on the left and ĐẠI DIỆN <the unit> on the right.
	Inspected string `json:"inspected,omitempty"`
}

// Invitation is what a giấy mời says after "… trân trọng kính mời: …", in the order of
// Mẫu 1.7; each line is a body line. The Document's Body follows them (what to prepare,
// whom to contact) and ends the content.
type Invitation struct {
	// Event follows "Tới dự": "Hội nghị sơ kết 06 tháng …".
	Event string `json:"event,omitempty"`
	Chair string `json:"chair,omitempty"`
	Time  string `json:"time,omitempty"`
	Place string `json:"place,omitempty"`
}

// Block is one paragraph of content. Text may hold "\n", kept as a line break.
type Block struct {
	Text string `json:"text"`
	// Style is "" for a body paragraph, "heading" for a bold section heading ("I. MỤC ĐÍCH"),
	// "center" for a centred bold line, "plain" for a paragraph without first-line indent.
	Style string `json:"style,omitempty"`
	// Table, when set, makes the block a bordered table (Text and Style are then unused):
	// minutes list criteria and results, reports carry summary tables.
	Table *Table `json:"table,omitempty"`
}

// UnmarshalJSON lets a block be written as a plain string in input files.
func (b *Block) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		return json.Unmarshal(data, &b.Text)
	}
	type plain Block
	return json.Unmarshal(data, (*plain)(b))
}

// Article is one "Điều n." of a decision or regulation.
type Article struct {
	Title string  `json:"title,omitempty"`
	Body  []Block `json:"body,omitempty"`
	// Chapter, when set, prints a chapter heading ("Chương I\nNHỮNG QUY ĐỊNH CHUNG") before the article.
	Chapter string `json:"chapter,omitempty"`
}

// Signer is the signature block.
type Signer struct {
	// Prefix is TM., KT., Q., TL. or TUQ. (without the authority after it).
	Prefix string `json:"prefix,omitempty"`
	// Authority follows the prefix: "ỦY BAN NHÂN DÂN" in "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH" in "KT. CHỦ TỊCH".
	Authority string `json:"authority,omitempty"`
	// Title is the signer's own post: "CHỦ TỊCH", "PHÓ CHỦ TỊCH".
	Title string `json:"title"`
	// AgencyTitle is the post in the agency of a committee signer, printed under the
	// signature space and above the name (Annex I, II.7): "TRƯỞNG BAN", the signature,
	// "PHÓ CHỦ TỊCH UBND TỈNH", the name.
	AgencyTitle string `json:"agency_title,omitempty"`
	Name        string `json:"name"`
}

// CopyTo is the Nơi nhận block: Items then the archive line "- Lưu: VT, <Archive>.".
type CopyTo struct {
	Items []string `json:"items,omitempty"`
	// Archive is what follows "Lưu: " ("VT, NC (3)"); empty prints "Lưu: VT.".
	Archive string `json:"archive,omitempty"`
}

// Attachment is a regulation, plan or other text issued by a decision.
type Attachment struct {
	Title    string    `json:"title"`   // "QUY CHẾ"
	Subject  string    `json:"subject"` // "Hoạt động của Ban Chỉ đạo …"
	Body     []Block   `json:"body,omitempty"`
	Articles []Article `json:"articles,omitempty"`
}

// Annex is an appendix: a title, an optional note, paragraphs and a bordered table whose
// header row repeats on every page.
type Annex struct {
	Title    string  `json:"title"`              // "DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ ANTT"
	Subtitle string  `json:"subtitle,omitempty"` // printed bold under the title
	Body     []Block `json:"body,omitempty"`
	Table    *Table  `json:"table,omitempty"`
	// Landscape prints the annex on an A4 landscape page, for wide tables.
	Landscape bool `json:"landscape,omitempty"`
}

// Table is a bordered table. Widths are relative column weights; empty means sized from
// the content (see measuredWidths).
type Table struct {
	Columns []string   `json:"columns"`
	Widths  []float64  `json:"widths,omitempty"`
	Rows    [][]string `json:"rows"`
	// Align per column: "left", "center", "right"; by default numbers are centred and text
	// is left-aligned.
	Align []string `json:"align,omitempty"`
}

// Certificate is the content of a Giấy khen or Giấy công nhận, printed on A4 landscape.
type Certificate struct {
	// Grantor is the person who awards, printed first ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ ĐÔNG TIẾN").
	Grantor string `json:"grantor"`
	// Verb is "TẶNG" for a Giấy khen, "CÔNG NHẬN" for a Giấy công nhận.
	Verb string `json:"verb,omitempty"`
	// Recipient is the awarded person or collective, printed large.
	Recipient string `json:"recipient"`
	// Lines are the achievement and other lines under the recipient.
	Lines []string `json:"lines,omitempty"`
	// Decision is the reference "Quyết định số 15/QĐ-UBND ngày 20/11/2025".
	Decision string `json:"decision,omitempty"`
	// Register is the "Số sổ" entry, printed bottom left. Empty on a certificate that
	// cites its Decision, the certificate's own number and symbol stand there: a
	// certificate issued through the register is entered in it under that number.
	Register string `json:"register,omitempty"`
}

// Date is a calendar date without time zone, written "2016-02-01" in JSON.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// DateOf returns the calendar date of t.
func DateOf(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

// ParseDate reads "2016-02-01" or "01/02/2016" and checks that the day exists.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), nil
		}
	}
	return Date{}, fmt.Errorf("ngày %q không hợp lệ (dạng 2016-02-01 hoặc 01/02/2016)", s)
}

// String returns the ISO form "2016-02-01", or "" for a zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// MarshalJSON writes the ISO form.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads the ISO or the dd/mm/yyyy form; "" is the zero date.
func (d *Date) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	if strings.TrimSpace(s) == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
