package register

import (
	"encoding/json"
	"time"
)

// Status is where a document is in its life: drafts carry no number; issued documents are
// frozen and can only be corrected by a new correcting dispatch.
type Status string

// The statuses of a document.
const (
	Draft  Status = "draft"
	Issued Status = "issued"
)

// Document is a submission of a form, from draft to issued. Data holds the submitted field
// values exactly as validated; the rendered .docx of an issued document is stored apart.
type Document struct {
	ID       int64           `json:"id" db:"id"`
	FormID   string          `json:"form" db:"form_id"`
	IssuerID string          `json:"issuer_id" db:"issuer_id"`
	Status   Status          `json:"status" db:"status"`
	Data     json.RawMessage `json:"data" db:"data"`
	// Recipients holds the routing result with the user's edits (JSON of directory.Recipients).
	Recipients json.RawMessage `json:"recipients" db:"recipients"`
	// Subject is the trích yếu, kept in a column for the register.
	Subject string `json:"subject" db:"subject"`
	// KindTitle is the tên loại for the register ("Công văn", "Quyết định").
	KindTitle string `json:"kind_title" db:"kind_title"`
	// Year and Number are set when the document is issued; 0 for a draft.
	Year   int    `json:"year" db:"year"`
	Number int    `json:"number" db:"number"`
	Symbol string `json:"symbol" db:"symbol"` // "UBND-NC"
	// CorrectsID is the issued document this one corrects (công văn đính chính), 0 if none.
	CorrectsID int64      `json:"corrects_id,omitempty" db:"corrects_id"`
	CreatedAt  time.Time  `json:"created_at" db:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at" db:"updated_at"`
	IssuedAt   *time.Time `json:"issued_at,omitempty" db:"issued_at"`
	SHA256     string     `json:"sha256,omitempty" db:"sha256"` // hex digest of the stored .docx
	// Secrecy and Urgency are the độ mật and mức độ khẩn marks the document bears ("MẬT",
	// "THƯỢNG KHẨN"), "" for none. A document with a secrecy mark is numbered in the
	// secret series and entered in the secret register (Decree 30, art. 15.2).
	Secrecy string `json:"secrecy,omitempty" db:"secrecy"`
	Urgency string `json:"urgency,omitempty" db:"urgency"`
}

// Secret reports whether d is a secret document: numbered in its issuer's secret series and
// entered in the secret register, apart from the ordinary ones (Decree 30, art. 15.2).
func (d *Document) Secret() bool { return d.Secrecy != "" }

// Entry is one line of the outgoing register (sổ đăng ký văn bản đi, Decree 30 Annex IV).
type Entry struct {
	DocumentID int64  `json:"document_id" db:"document_id"`
	IssuerID   string `json:"issuer_id" db:"issuer_id"`
	Year       int    `json:"year" db:"year"`
	Number     int    `json:"number" db:"number"`
	// The ten columns.
	NumberSymbol string    `json:"so_ky_hieu" db:"number_symbol"`         // Số, ký hiệu: "1028/UBND-NC"
	Date         time.Time `json:"ngay_thang" db:"issued_on"`             // Ngày tháng
	TitleSubject string    `json:"ten_loai_trich_yeu" db:"title_subject"` // Tên loại và trích yếu
	Signer       string    `json:"nguoi_ky" db:"signer"`                  // Người ký
	Recipients   string    `json:"noi_nhan" db:"recipients"`              // Nơi nhận
	ArchiveUnit  string    `json:"don_vi_luu" db:"archive_unit"`          // Đơn vị, người nhận bản lưu
	Copies       int       `json:"so_luong_ban" db:"copies"`              // Số lượng bản
	SentOn       string    `json:"ngay_chuyen" db:"sent_on"`              // Ngày chuyển
	ReceivedBy   string    `json:"ky_nhan" db:"received_by"`              // Ký nhận
	Note         string    `json:"ghi_chu" db:"note"`                     // Ghi chú
	// Urgency is the Độ khẩn of the document ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"; "" for
	// none), shown after the ten columns so that an urgent dispatch is sent first.
	Urgency string `json:"do_khan" db:"urgency"`
	// Secrecy is the Độ mật of a secret document, shown in the secret register only: an
	// ordinary register line has none.
	Secrecy string `json:"do_mat,omitempty" db:"secrecy"`
}

// Secret reports whether e is a line of the secret register.
func (e *Entry) Secret() bool { return e.Secrecy != "" }

// Columns are the headings of the ten register columns of Decree 30, Annex IV, in order.
var Columns = []string{"Số, ký hiệu", "Ngày tháng", "Tên loại và trích yếu", "Người ký",
	"Nơi nhận", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú"}

// Headings of the columns a register export adds after the ten: the urgency in every
// register, the secrecy in the secret register.
const (
	ColumnUrgency = "Độ khẩn"
	ColumnSecrecy = "Độ mật"
)

// ExportColumns are the headings of an exported register: the ten columns, Độ khẩn, and
// for the secret register Độ mật.
func ExportColumns(secret bool) []string {
	cols := append(append([]string(nil), Columns...), ColumnUrgency)
	if secret {
		cols = append(cols, ColumnSecrecy)
	}
	return cols
}
