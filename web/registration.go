package web

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/httpapi"
	"vanthu/inspection"
)

// docKindChoices are the documents of a registration file (art. 9.2.a), as the page names them.
var docKindChoices = []struct{ ID, Label string }{
	{inspection.DocRegistration, "Bản đăng ký"},
	{inspection.DocResolution, "Nghị quyết của cấp ủy Đảng"},
	{inspection.DocPlan, "Kế hoạch bảo đảm an ninh, trật tự"},
	{inspection.DocOther, "Tài liệu khác"},
}

// registrationView is the registration page of one object.
type registrationView struct {
	Round  *inspection.Round
	Object inspection.Object
	Files  []inspection.Attachment
	Kinds  []struct{ ID, Label string }
	// What was sent back when refused, and the service's messages by field.
	RegisteredOn, Note, DocKind string
	DateError, NoteError        string
	FileError                   string
	MaxSize                     string
	// MaxBytes and TooLarge let the page's script refuse a file over the limit before
	// sending it, with the message the server would give.
	MaxBytes int64
	TooLarge string
}

// registrationPage answers GET /kiem-tra/:round/:object/dang-ky: a unit registers in the
// round and sends its file.
func (p *Pages) registrationPage(c *gin.Context) {
	rv, ok := p.registration(c)
	if !ok {
		return
	}
	v := view{Title: "Đăng ký: " + rv.Object.Name, Data: rv}
	if httpapi.BodyTooLarge(c.Request) {
		// The form was sent over the server's limit and not read (see httpapi.BodyTooLarge).
		rv.FileError = rv.TooLarge
		v.Error = "Chưa ghi nhận: xem thông báo ở từng trường."
		p.render(c, http.StatusRequestEntityTooLarge, "registration", v)
		return
	}
	p.render(c, http.StatusOK, "registration", v)
}

// msgUploadTooLarge is said at the file field when the file is over the limit: by the
// page's script before sending, or by the server when the form was over the body limit.
const msgUploadTooLarge = "Tệp quá lớn: mỗi tệp tối đa %s. Hồ sơ chưa được ghi nhận; hãy chọn tệp nhỏ hơn (hoặc nén, chia nhỏ tệp) rồi gửi lại."

// registration loads the round, the object and its files for the page.
func (p *Pages) registration(c *gin.Context) (*registrationView, bool) {
	id, ok := p.roundID(c)
	if !ok {
		return nil, false
	}
	ctx := c.Request.Context()
	round, err := p.insp.Round(ctx, id)
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	objects, err := p.insp.Objects(ctx, id)
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	rv := &registrationView{Round: round, Kinds: docKindChoices, DocKind: inspection.DocRegistration,
		MaxSize: fmt.Sprintf("%d MB", p.insp.MaxAttachment()>>20), MaxBytes: p.insp.MaxAttachment()}
	rv.TooLarge = fmt.Sprintf(msgUploadTooLarge, rv.MaxSize)
	found := false
	for _, o := range objects {
		if o.ID == c.Param("object") {
			rv.Object, found = o, true
		}
	}
	if !found {
		p.fail(c, apperr.New(apperr.NotFound, "Đợt này không có đối tượng này."))
		return nil, false
	}
	if files, err := p.insp.Attachments(ctx, id, rv.Object.ID); err == nil {
		rv.Files = files
	}
	return rv, true
}

// registrationPost answers POST /kiem-tra/:round/:object/dang-ky (multipart): the day, a
// note and one file of a kind, through inspection.Service.Register.
func (p *Pages) registrationPost(c *gin.Context) {
	rv, ok := p.registration(c)
	if !ok {
		return
	}
	reg := &inspection.Registration{RegisteredOn: strings.TrimSpace(c.PostForm("registered_on")), Note: c.PostForm("note")}
	rv.RegisteredOn, rv.Note, rv.DocKind = reg.RegisteredOn, reg.Note, c.PostForm("doc_kind")
	if fh, err := c.FormFile("file"); err == nil && fh.Filename != "" {
		f, err := fh.Open()
		var data []byte
		if err == nil {
			data, err = io.ReadAll(f)
			f.Close()
		}
		if err != nil {
			p.fail(c, apperr.Wrap(apperr.BadInput, "Không đọc được tệp gửi lên.", err))
			return
		}
		reg.Files = []inspection.Attachment{{DocKind: rv.DocKind, Name: fh.Filename, Data: data}}
	}
	o, err := p.insp.Register(c.Request.Context(), rv.Round.ID, rv.Object.ID, reg)
	if err == nil {
		// Answered here rather than redirected: a unit may send files without the right to
		// list them (inspection.file.read), so the page names what was received.
		rv.Object, rv.RegisteredOn, rv.Note = *o, "", ""
		msg := "Đã ghi nhận đăng ký."
		for _, f := range reg.Files {
			msg += fmt.Sprintf(" Đã nhận tệp “%s” (%s).", f.Name, sizeOf(int64(len(f.Data))))
		}
		if rv.Files == nil {
			rv.Files = reg.Files
		} else if files, err := p.insp.Attachments(c.Request.Context(), rv.Round.ID, rv.Object.ID); err == nil {
			rv.Files = files
		}
		p.render(c, http.StatusOK, "registration", view{Title: "Đăng ký: " + rv.Object.Name, Message: msg, Data: rv})
		return
	}
	if code := apperr.CodeOf(err); httpapi.Status(err) >= 500 || code == apperr.Forbidden || code == apperr.NotFound {
		p.fail(c, err)
		return
	}
	e := apperr.As(err)
	var other []string
	for key, msg := range e.Fields {
		switch {
		case key == "registered_on":
			rv.DateError = msg
		case key == "note":
			rv.NoteError = msg
		default: // files[0], files
			rv.FileError = msg
		}
	}
	if len(e.Fields) == 0 {
		other = append(other, e.Message)
	}
	v := view{Title: "Đăng ký: " + rv.Object.Name, Data: rv, Error: "Chưa ghi nhận: xem thông báo ở từng trường."}
	if len(other) > 0 {
		v.Error = strings.Join(other, " ")
	}
	p.render(c, httpapi.Status(err), "registration", v)
}

// mayRegister says whether the registration link is shown for the actor.
func mayRegister(a *access.Actor) bool { return access.Holds(a, access.RoundRegister) }

// sizeOf writes a file's size as readers expect: "12,3 KB".
func sizeOf(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d byte", n)
	case n < 1<<20:
		return strings.Replace(fmt.Sprintf("%.1f KB", float64(n)/(1<<10)), ".", ",", 1)
	}
	return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1<<20)), ".", ",", 1)
}

// isoDay writes a stored day (2006-01-02) as 02/01/2006.
func isoDay(s string) string {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format("02/01/2006")
	}
	return s
}
