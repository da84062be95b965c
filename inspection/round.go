package inspection

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"

	"vanthu/apperr"
)

// DefaultTarget is the share of objects recognised that a round aims at unless told
// otherwise: the seed's "80 % trở lên" (Decree 30 seed dispatch 1028/UBND-NC).
const DefaultTarget = 0.8

// dateLayout is how dates travel and are stored: civil dates, no time zone.
const dateLayout = "2006-01-02"

// ict is Vietnam's time, fixed (no tzdata needed): "today" and lateness are judged in it.
var ict = time.FixedZone("ICT", 7*60*60)

// Round is the yearly recognition (đợt xét) run by one recognising authority (art. 10; the
// authority is a unit of the directory). Its calendar is taken from the checklists when the
// round is created and kept with it, so a later change of configuration does not move the
// dates of a running round.
type Round struct {
	ID          int64          `json:"id"`
	Year        int            `json:"year"`
	AuthorityID string         `json:"authority_id"`
	Name        string         `json:"name"`
	Target      float64        `json:"target"`
	Calendar    map[Kind]Dates `json:"calendar"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
}

// Dates are the calendar of one kind of object in one round, as "2006-01-02".
type Dates struct {
	RegistrationDue string `json:"registration_due"`
	WindowFrom      string `json:"window_from"`
	WindowTo        string `json:"window_to"`
	ProposalDue     string `json:"proposal_due"`
}

// RoundFilter selects rounds; zero fields select all.
type RoundFilter struct {
	Year        int
	AuthorityID string
}

// Object is a residential area, commune, agency or school taking part in a round. ParentID
// names the object of the round it belongs to (a residential area's commune): the roll-up
// of art. 5.4 counts the objects under a commune through it. UnitID optionally links the
// object to a unit of the directory.
type Object struct {
	RoundID  int64  `json:"round_id"`
	ID       string `json:"id"`
	Kind     Kind   `json:"kind"`
	Name     string `json:"name"`
	ParentID string `json:"parent_id,omitempty"`
	UnitID   string `json:"unit_id,omitempty"`
	// RegisteredOn is the day of the registration (art. 4.1, 9.2.a), empty until then.
	RegisteredOn string `json:"registered_on,omitempty"`
	// RegisteredLate says the registration came after the round's registration due date:
	// flagged, not refused.
	RegisteredLate   bool   `json:"registered_late,omitempty"`
	RegistrationNote string `json:"registration_note,omitempty"`
}

// Registered reports whether the object has registered.
func (o *Object) Registered() bool { return o.RegisteredOn != "" }

// Registration is a unit's registration (đăng ký phấn đấu) with its file.
type Registration struct {
	RegisteredOn string       `json:"registered_on"`
	Note         string       `json:"note,omitempty"`
	Files        []Attachment `json:"files,omitempty"`
}

// The documents of a registration file (art. 9.2.a).
const (
	DocResolution   = "nghi-quyet" // Nghị quyết của cấp ủy Đảng
	DocPlan         = "ke-hoach"   // Kế hoạch về bảo đảm an ninh, trật tự
	DocRegistration = "ban-dang-ky"
	DocOther        = "khac"
)

var docKinds = map[string]bool{DocResolution: true, DocPlan: true, DocRegistration: true, DocOther: true}

// Attachment is one file of a registration. Data is empty in listings.
type Attachment struct {
	ID          int64     `json:"id"`
	RoundID     int64     `json:"round_id"`
	ObjectID    string    `json:"object_id"`
	DocKind     string    `json:"doc_kind"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
	Data        []byte    `json:"-"`
}

// MaxAttachmentSize is the largest file a registration accepts, unless configured.
const MaxAttachmentSize = 10 << 20

// The content types attachments may have, by file extension; the content must match too.
var attachmentTypes = map[string]string{
	".pdf":  "application/pdf",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

// checkAttachment sets the content type of a from its name and content, or says in
// Vietnamese why the file is refused. field names the file in messages.
func checkAttachment(a *Attachment, maxSize int64, field string) *apperr.Error {
	a.Name = strings.TrimSpace(a.Name)
	if a.Name == "" {
		return apperr.InvalidFields(map[string]string{field: msgFileNoName})
	}
	if !docKinds[a.DocKind] {
		return apperr.InvalidFields(map[string]string{field: fmt.Sprintf(
			msgDocKind, a.DocKind, DocResolution, DocPlan, DocRegistration, DocOther)})
	}
	ext := strings.ToLower(path.Ext(a.Name))
	ct, ok := attachmentTypes[ext]
	if !ok {
		return apperr.InvalidFields(map[string]string{field: fmt.Sprintf(
			msgFileType, a.Name)})
	}
	if int64(len(a.Data)) > maxSize {
		return &apperr.Error{Code: apperr.TooLarge, Message: fmt.Sprintf(
			msgFileTooLarge, a.Name, len(a.Data), maxSize),
			Fields: map[string]string{field: msgFileTooLargeField}}
	}
	if len(a.Data) == 0 {
		return apperr.InvalidFields(map[string]string{field: fmt.Sprintf(msgFileEmpty, a.Name)})
	}
	if !contentMatches(ct, a.Data) {
		return apperr.InvalidFields(map[string]string{field: fmt.Sprintf(
			msgFileContent, a.Name, strings.TrimPrefix(ext, "."))})
	}
	a.ContentType, a.Size = ct, int64(len(a.Data))
	return nil
}

// contentMatches checks the file's signature, so a renamed executable is not stored as a PDF.
func contentMatches(contentType string, data []byte) bool {
	switch contentType {
	case "application/pdf":
		return bytes.HasPrefix(data, []byte("%PDF-"))
	case "image/png":
		return bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n"))
	case "image/jpeg":
		return bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF})
	default: // .docx is a ZIP package
		return bytes.HasPrefix(data, []byte("PK\x03\x04"))
	}
}

// NewRound returns a round of year for authority with the calendar of every checklist in
// cat, checked; name and target may be empty/zero for the defaults.
func (cat *Catalog) NewRound(year int, authorityID, name string, target float64) (*Round, error) {
	r := &Round{Year: year, AuthorityID: strings.TrimSpace(authorityID), Name: strings.TrimSpace(name), Target: target}
	if r.Target == 0 {
		r.Target = DefaultTarget
	}
	if r.Name == "" {
		r.Name = fmt.Sprintf(defaultRoundName, year)
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	r.Calendar = make(map[Kind]Dates, len(cat.list))
	for _, c := range cat.list {
		r.Calendar[c.Kind] = c.Calendar.For(year)
	}
	return r, nil
}

// check validates the fields a user gives a round.
func (r *Round) check() *apperr.Error {
	f := map[string]string{}
	if r.Year < 2022 || r.Year > 2100 {
		f["year"] = msgYear
	}
	if r.AuthorityID == "" {
		f["authority_id"] = msgAuthorityRequired
	}
	if r.Target <= 0 || r.Target > 1 {
		f["target"] = msgTarget
	}
	if len([]rune(r.Name)) > 500 {
		f["name"] = msgRoundNameTooLong
	}
	for k, d := range r.Calendar {
		for name, v := range map[string]string{"registration_due": d.RegistrationDue, "window_from": d.WindowFrom,
			"window_to": d.WindowTo, "proposal_due": d.ProposalDue} {
			if _, err := time.Parse(dateLayout, v); err != nil {
				f[fmt.Sprintf("calendar.%s.%s", k, name)] = msgCalendarDate
			}
		}
		if !k.Valid() {
			f["calendar."+string(k)] = fmt.Sprintf(msgCalendarKind, k)
		}
	}
	if len(f) > 0 {
		return apperr.InvalidFields(f)
	}
	return nil
}

// For returns the dates of the calendar in year; 29 February becomes 28 in other years.
func (c Calendar) For(year int) Dates {
	return Dates{
		RegistrationDue: c.RegistrationDue.in(year),
		WindowFrom:      c.WindowFrom.in(year),
		WindowTo:        c.WindowTo.in(year),
		ProposalDue:     c.ProposalDue.in(year),
	}
}

func (d Day) in(year int) string {
	if d.PreviousYear {
		year--
	}
	day := d.Day
	if last := time.Date(year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC).Day(); day > last {
		day = last
	}
	return time.Date(year, time.Month(d.Month), day, 0, 0, 0, 0, time.UTC).Format(dateLayout)
}

// dateOf returns t's civil date in Vietnam.
func dateOf(t time.Time) string { return t.In(ict).Format(dateLayout) }

// checkObject cleans and validates one object of a roster; field prefixes messages.
func checkObject(o *Object, field string, f map[string]string) {
	o.ID = strings.TrimSpace(o.ID)
	o.Name = strings.TrimSpace(o.Name)
	o.ParentID = strings.TrimSpace(o.ParentID)
	o.UnitID = strings.TrimSpace(o.UnitID)
	switch {
	case o.ID == "":
		f[field+".id"] = msgObjectIDRequired
	case len(o.ID) > 100 || strings.ContainsAny(o.ID, "/?#% \t\n"):
		f[field+".id"] = msgObjectIDChars
	}
	if o.Name == "" {
		f[field+".name"] = msgObjectNameRequired
	}
	if !o.Kind.Valid() {
		f[field+".kind"] = fmt.Sprintf(msgObjectKind, o.Kind)
	}
	if o.ParentID != "" && o.ParentID == o.ID {
		f[field+".parent_id"] = msgObjectSelfParent
	}
}
