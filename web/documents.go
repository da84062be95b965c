package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/forms"
	"vanthu/httpapi"
	"vanthu/publish"
	"vanthu/register"
	"vanthu/secretariat"
)

// fieldView is one field of a form as the page draws it.
type fieldView struct {
	*forms.Field
	ID    string     // the input's id, tied to its label
	Value string     // text, textarea, list (one item per line), number, date, select
	Rows  [][]string // a table's rows; at least one, empty, so there is a row to fill
	Error string     // the server's Vietnamese message for this field
}

// formView is the form page.
type formView struct {
	Def      *forms.Definition
	Fields   []fieldView
	Issuers  []directory.Unit
	IssuerID string
	// KinhGui and NoiNhan are the recipients, one per line: routed by the server, then
	// edited by the user; Routed says they were filled, so they are sent back as written.
	KinhGui, NoiNhan, Archive string
	Routed                    bool
	IssuerError, RecipError   string
	Other                     []string // messages naming no field of the page
	// Action is where the form posts; Corrects the issued document a correction corrects.
	Action   string
	Corrects *register.Document
	// PDF says a "Xem trước PDF" button is offered (the PDF service is configured).
	PDF bool
}

// chooseForm answers GET /van-ban/moi: the forms the actor may fill.
func (p *Pages) chooseForm(c *gin.Context) {
	defs, err := p.svc.Forms(c.Request.Context())
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "forms", view{Title: "Soạn văn bản", Data: defs})
}

// issuers are the units the actor may draft documents for: those with a short name for
// the symbol. This only fills the list; the service checks the unit chosen.
func (p *Pages) issuers(a *access.Actor) []directory.Unit {
	tree := p.svc.Tree()
	all, units := access.Visible(a, access.DocumentDraft, tree)
	var out []directory.Unit
	for _, u := range tree.Units() {
		if u.ShortName != "" && (all || units[u.ID]) {
			out = append(out, u)
		}
	}
	return out
}

// formPage answers GET /van-ban/moi/:form: the empty form.
func (p *Pages) formPage(c *gin.Context) {
	def, err := p.svc.Form(c.Request.Context(), c.Param("form"))
	if err != nil {
		p.fail(c, err)
		return
	}
	fv := formView{Def: def, Issuers: p.issuers(access.FromContext(c.Request.Context())), Action: "/van-ban/moi/" + def.ID, PDF: p.pdf != nil}
	if len(fv.Issuers) > 0 {
		fv.IssuerID = fv.Issuers[0].ID
	}
	for i := range def.Fields {
		f := &def.Fields[i]
		fv.Fields = append(fv.Fields, fieldView{Field: f, ID: "f-" + f.Name, Value: f.Default, Rows: [][]string{make([]string, len(f.Columns))}})
	}
	p.render(c, http.StatusOK, "form", view{Title: def.Title, Data: &fv})
}

// readForm reads the posted form back into the page's fields and a submission.
func readForm(c *gin.Context, def *forms.Definition) (*formView, *secretariat.Submission) {
	fv := &formView{Def: def, IssuerID: c.PostForm("issuer_id"), KinhGui: c.PostForm("kinh_gui"),
		NoiNhan: c.PostForm("noi_nhan"), Archive: c.PostForm("archive"), Routed: c.PostForm("routed") == "1"}
	sub := &secretariat.Submission{Form: def.ID, IssuerID: fv.IssuerID, Data: map[string]any{}}
	for i := range def.Fields {
		f := &def.Fields[i]
		v := fieldView{Field: f, ID: "f-" + f.Name, Value: c.PostForm("f." + f.Name)}
		switch f.Type {
		case forms.TypeTable:
			n, _ := strconv.Atoi(c.PostForm("rows." + f.Name))
			n = min(max(n, 1), max(f.MaxItems, 1))
			var filled [][]string
			for r := range n {
				row := make([]string, len(f.Columns))
				for col := range f.Columns {
					row[col] = c.PostForm(fmt.Sprintf("f.%s.%d.%d", f.Name, r, col))
				}
				v.Rows = append(v.Rows, row)
				filled = append(filled, slices.Clone(row))
			}
			sub.Data[f.Name] = filled
		case forms.TypeNumber:
			if s := strings.TrimSpace(v.Value); s != "" {
				if _, err := strconv.ParseFloat(s, 64); err == nil {
					sub.Data[f.Name] = json.Number(s)
				} else {
					sub.Data[f.Name] = s // refused by the form's rules, with its message
				}
			}
		default:
			if v.Value != "" {
				sub.Data[f.Name] = v.Value
			}
		}
		fv.Fields = append(fv.Fields, v)
	}
	if fv.Routed {
		sub.Recipients = &directory.Recipients{KinhGui: splitLines(fv.KinhGui), NoiNhan: splitLines(fv.NoiNhan), Archive: strings.TrimSpace(fv.Archive)}
	}
	return fv, sub
}

func splitLines(s string) []string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// showErrors puts the server's messages at the fields they name.
func (fv *formView) showErrors(err error) {
	e := apperr.As(err)
	if len(e.Fields) == 0 {
		fv.Other = append(fv.Other, e.Message)
		return
	}
	for key, msg := range e.Fields {
		name := strings.TrimPrefix(key, "data.") // the service names a form's fields data.<name>
		placed := false
		for i := range fv.Fields {
			if fv.Fields[i].Name == name {
				fv.Fields[i].Error, placed = msg, true
			}
		}
		switch {
		case placed:
		case name == "issuer_id":
			fv.IssuerError = msg
		case strings.HasPrefix(name, "recipients"):
			fv.RecipError = msg
		default:
			fv.Other = append(fv.Other, msg)
		}
	}
	slices.Sort(fv.Other)
}

// formPost answers POST /van-ban/moi/:form: propose recipients, add or remove a table row,
// check the fields (for the page's script), preview (the .docx itself) or issue.
func (p *Pages) formPost(c *gin.Context) {
	def, err := p.svc.Form(c.Request.Context(), c.Param("form"))
	if err != nil {
		p.fail(c, err)
		return
	}
	p.submitForm(c, def, nil)
}

// submitForm does what a form page's button asks; orig is the issued document a
// correction corrects, nil for a new document.
func (p *Pages) submitForm(c *gin.Context, def *forms.Definition, orig *register.Document) {
	ctx := c.Request.Context()
	fv, sub := readForm(c, def)
	fv.Issuers = p.issuers(access.FromContext(ctx))
	fv.Action, fv.Corrects, fv.PDF = "/van-ban/moi/"+def.ID, orig, p.pdf != nil
	title := def.Title
	if orig != nil {
		fv.Action = fmt.Sprintf("/van-ban/%d/dinh-chinh", orig.ID)
		title = "Đính chính " + orig.KindTitle + " số " + register.NumberSymbol(orig.Number, orig.Symbol)
	}
	action := c.PostForm("action")
	again := func(status int, msg string, err error) {
		v := view{Title: title, Data: fv, Message: msg}
		if err != nil {
			if apperr.CodeOf(err) == apperr.Unavailable {
				// No PDF converter: the form stays as typed, with the reason at the top.
				v.Error = apperr.As(err).Message
				p.render(c, http.StatusServiceUnavailable, "form", v)
				return
			}
			if httpapi.Status(err) >= 500 || apperr.CodeOf(err) == apperr.Forbidden {
				p.fail(c, err)
				return
			}
			fv.showErrors(err)
			v.Error = "Văn bản chưa hợp lệ: xem các thông báo ở từng trường."
		}
		p.render(c, status, "form", v)
	}
	switch {
	case strings.HasPrefix(action, "add-row:"), strings.HasPrefix(action, "del-row:"):
		editRows(fv, action)
		again(http.StatusOK, "", nil)
	case action == "check":
		// The page's script asks as the user types: the server's own rules, no copy of them
		// in the page. Answered 200 either way; the messages are in the page.
		_, err := p.svc.Route(ctx, &secretariat.Submission{Form: sub.Form, IssuerID: sub.IssuerID, Data: sub.Data})
		if err != nil && apperr.CodeOf(err) != apperr.Invalid {
			p.fail(c, err)
			return
		}
		if err != nil {
			fv.showErrors(err)
		}
		p.render(c, http.StatusOK, "form", view{Title: title, Data: fv})
	case action == "route":
		rec, err := p.svc.Route(ctx, &secretariat.Submission{Form: sub.Form, IssuerID: sub.IssuerID, Data: sub.Data})
		if err != nil {
			again(http.StatusUnprocessableEntity, "", err)
			return
		}
		fv.KinhGui, fv.NoiNhan, fv.Archive, fv.Routed = strings.Join(rec.KinhGui, "\n"), strings.Join(rec.NoiNhan, "\n"), rec.Archive, true
		again(http.StatusOK, "Đã đề xuất Kính gửi và Nơi nhận theo quy tắc gửi; có thể sửa trước khi ban hành.", nil)
	case action == "preview":
		data, err := p.svc.Preview(ctx, sub)
		if err != nil {
			again(http.StatusUnprocessableEntity, "", err)
			return
		}
		sendDocx(c, "xem-truoc-"+def.ID+".docx", data)
	case action == "preview-pdf":
		if p.pdf == nil {
			again(http.StatusServiceUnavailable, "", apperr.Of(apperr.Unavailable))
			return
		}
		f, err := p.pdf.Preview(ctx, sub)
		if err != nil {
			again(http.StatusUnprocessableEntity, "", err)
			return
		}
		sendPDF(c, f.Name, f.Data)
	case action == "issue" && orig != nil:
		// A correction is a new document referring to the original, which never changes:
		// drafted through the service's correction path, then issued with its own number.
		draft, err := p.svc.CreateDraft(ctx, sub, orig.ID)
		if err != nil {
			again(http.StatusUnprocessableEntity, "", err)
			return
		}
		doc, err := p.svc.Issue(ctx, draft.ID)
		if err != nil {
			again(http.StatusUnprocessableEntity, "", err)
			return
		}
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/van-ban/%d?da-ban-hanh=1", doc.ID))
	case action == "issue":
		doc, err := p.svc.CreateAndIssue(ctx, sub)
		if err != nil {
			again(http.StatusUnprocessableEntity, "", err)
			return
		}
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/van-ban/%d?da-ban-hanh=1", doc.ID))
	default:
		again(http.StatusBadRequest, "", apperr.New(apperr.BadInput, "Không rõ thao tác cần làm."))
	}
}

// original loads the issued document :id a correction corrects, refusing one the actor
// may not correct or that is not issued (a draft is edited, not corrected).
func (p *Pages) original(c *gin.Context) (*register.Document, *forms.Definition, bool) {
	ctx := c.Request.Context()
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		p.fail(c, apperr.New(apperr.NotFound, "Không có văn bản này."))
		return nil, nil, false
	}
	doc, err := p.svc.Document(ctx, id)
	if err == nil {
		err = access.Require(ctx, access.DocumentCorrect, doc.IssuerID, p.svc.Tree())
	}
	if err == nil && doc.Status != register.Issued {
		err = apperr.New(apperr.Conflict, "Văn bản này chưa ban hành: sửa dự thảo, không cần đính chính.")
	}
	var def *forms.Definition
	if err == nil {
		def, err = p.svc.Form(ctx, doc.FormID)
	}
	if err != nil {
		p.fail(c, err)
		return nil, nil, false
	}
	return &doc, def, true
}

// correctionPage answers GET /van-ban/:id/dinh-chinh: the form of the issued document,
// filled with what it says and the recipients it was sent to, to be corrected and issued
// as a new document.
func (p *Pages) correctionPage(c *gin.Context) {
	orig, def, ok := p.original(c)
	if !ok {
		return
	}
	fv := formView{Def: def, IssuerID: orig.IssuerID, Issuers: p.issuers(access.FromContext(c.Request.Context())),
		Action: fmt.Sprintf("/van-ban/%d/dinh-chinh", orig.ID), Corrects: orig, PDF: p.pdf != nil}
	data := map[string]any{}
	dec := json.NewDecoder(strings.NewReader(string(orig.Data)))
	dec.UseNumber()
	if err := dec.Decode(&data); err != nil {
		p.fail(c, apperr.Wrap(apperr.Internal, apperr.DefaultMessage(apperr.Internal), err))
		return
	}
	for i := range def.Fields {
		f := &def.Fields[i]
		fv.Fields = append(fv.Fields, prefilled(f, data[f.Name]))
	}
	var rec directory.Recipients
	if len(orig.Recipients) > 0 && json.Unmarshal(orig.Recipients, &rec) == nil {
		fv.KinhGui, fv.NoiNhan, fv.Archive, fv.Routed = strings.Join(rec.KinhGui, "\n"), strings.Join(rec.NoiNhan, "\n"), rec.Archive, true
	}
	title := "Đính chính " + orig.KindTitle + " số " + register.NumberSymbol(orig.Number, orig.Symbol)
	p.render(c, http.StatusOK, "form", view{Title: title, Data: &fv})
}

// prefilled is a field of the form holding a stored value.
func prefilled(f *forms.Field, v any) fieldView {
	fv := fieldView{Field: f, ID: "f-" + f.Name}
	switch x := v.(type) {
	case nil:
	case []any:
		var lines []string
		for _, item := range x {
			if row, ok := item.([]any); ok {
				cells := make([]string, len(f.Columns))
				for i := range min(len(row), len(cells)) {
					cells[i] = fmt.Sprint(row[i])
				}
				fv.Rows = append(fv.Rows, cells)
				continue
			}
			lines = append(lines, fmt.Sprint(item))
		}
		fv.Value = strings.Join(lines, "\n")
	default:
		fv.Value = fmt.Sprint(x)
	}
	if len(fv.Rows) == 0 {
		fv.Rows = [][]string{make([]string, len(f.Columns))}
	}
	return fv
}

// correctionPost answers POST /van-ban/:id/dinh-chinh: the form's buttons, issuing a
// correction of :id.
func (p *Pages) correctionPost(c *gin.Context) {
	orig, def, ok := p.original(c)
	if !ok {
		return
	}
	p.submitForm(c, def, orig)
}

// documentPDF answers GET /van-ban/:id/pdf: the PDF of a document, or a page saying why
// there is none (no LibreOffice on the server).
func (p *Pages) documentPDF(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		p.fail(c, apperr.New(apperr.NotFound, "Không có văn bản này."))
		return
	}
	// Who may read it first, as the API does: a refusal never depends on the set-up.
	doc, err := p.svc.Document(c.Request.Context(), id)
	if err != nil {
		p.fail(c, err)
		return
	}
	if p.pdf == nil {
		err = apperr.Of(apperr.Unavailable)
	}
	var f publish.File
	if err == nil {
		f, err = p.pdf.Document(c.Request.Context(), id)
	}
	if apperr.CodeOf(err) == apperr.Unavailable {
		// No LibreOffice (or it timed out): the document's page again, saying why.
		p.showDocument(c, http.StatusServiceUnavailable, doc, view{Error: apperr.As(err).Message})
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	sendPDF(c, f.Name, f.Data)
}

// sendPDF answers a PDF as a download.
func sendPDF(c *gin.Context, name string, data []byte) {
	c.Header("Content-Disposition", "attachment; filename=\""+name+"\"; filename*=UTF-8''"+url.PathEscape(name))
	c.Data(http.StatusOK, "application/pdf", data)
}

// editRows adds a row to a table ("add-row:field") or removes one ("del-row:field:2").
func editRows(fv *formView, action string) {
	verb, rest, _ := strings.Cut(action, ":")
	name, index, _ := strings.Cut(rest, ":")
	for i := range fv.Fields {
		f := &fv.Fields[i]
		if f.Name != name || f.Type != forms.TypeTable {
			continue
		}
		switch verb {
		case "add-row":
			if len(f.Rows) < max(f.MaxItems, 1) {
				f.Rows = append(f.Rows, make([]string, len(f.Columns)))
			}
		case "del-row":
			if r, err := strconv.Atoi(index); err == nil && r >= 0 && r < len(f.Rows) {
				f.Rows = slices.Delete(f.Rows, r, r+1)
			}
			if len(f.Rows) == 0 {
				f.Rows = [][]string{make([]string, len(f.Columns))}
			}
		}
	}
}

// sendDocx answers a .docx as a download.
func sendDocx(c *gin.Context, name string, data []byte) {
	c.Header("Content-Disposition", "attachment; filename=\""+name+"\"; filename*=UTF-8''"+url.PathEscape(name))
	c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data)
}

// documentView is the page of one document.
type documentView struct {
	register.Document
	Issuer string // the issuer's name
	// MayCorrect offers the "Đính chính" button; Original is the document this one corrects.
	MayCorrect bool
	Original   *register.Document
	// Corrections are the issued documents correcting this one.
	Corrections []register.Document
}

// documentPage answers GET /van-ban/:id.
func (p *Pages) documentPage(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		p.fail(c, apperr.New(apperr.NotFound, "Không có văn bản này."))
		return
	}
	doc, err := p.svc.Document(c.Request.Context(), id)
	if err != nil {
		p.fail(c, err)
		return
	}
	msg := ""
	if c.Query("da-ban-hanh") != "" && doc.Number > 0 {
		msg = "Đã cấp số và vào sổ: " + register.NumberSymbol(doc.Number, doc.Symbol) + "."
	}
	p.showDocument(c, http.StatusOK, doc, view{Message: msg})
}

// showDocument draws the page of doc, with v's notice or error.
func (p *Pages) showDocument(c *gin.Context, status int, doc register.Document, v view) {
	dv := documentView{Document: doc, Issuer: doc.IssuerID}
	if u, ok := p.svc.Tree().Unit(doc.IssuerID); ok {
		dv.Issuer = u.Name
	}
	dv.MayCorrect = doc.Status == register.Issued && access.Can(access.FromContext(c.Request.Context()), access.DocumentCorrect, doc.IssuerID, p.svc.Tree())
	if doc.CorrectsID != 0 {
		if o, err := p.svc.Document(c.Request.Context(), doc.CorrectsID); err == nil {
			dv.Original = &o
		}
	}
	if doc.Status == register.Issued {
		if fixes, err := p.svc.Corrections(c.Request.Context(), doc.ID); err == nil {
			dv.Corrections = fixes
		}
	}
	v.Title, v.Data = doc.KindTitle+" "+doc.Subject, &dv
	p.render(c, status, "document", v)
}
