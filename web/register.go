package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/directory"
	"vanthu/forms"
	"vanthu/register"
)

// registerView is the register page.
type registerView struct {
	Search  register.RegisterSearch
	Entries []register.Entry
	Page    int // 1-based
	First   int // the line numbers shown, 1-based, within the search
	Last    int
	Prev    string
	Next    string
	Issuers []directory.Unit
	Forms   []*forms.Definition
	// XLSX and CSV are the export links, with every filter but the page.
	XLSX, CSV string
	CanExport bool
	Errors    map[string]string
}

// Rows writes the table's lines. The register page is the busiest page of the service and
// its table most of its work; written here rather than by the template engine (which
// reflects on every cell), a page of lines costs a tenth. Every text is escaped.
func (rv *registerView) Rows() template.HTML {
	var b strings.Builder
	b.Grow(len(rv.Entries) * 400)
	esc := template.HTMLEscapeString
	for i := range rv.Entries {
		e := &rv.Entries[i]
		id, ns := strconv.FormatInt(e.DocumentID, 10), esc(e.NumberSymbol)
		b.WriteString(`<tr><td class="nowrap"><a href="/van-ban/`)
		b.WriteString(id)
		b.WriteString(`">`)
		b.WriteString(ns)
		b.WriteString(`</a>`)
		if e.Urgency != "" {
			b.WriteString(` <strong class="urgent">`)
			b.WriteString(esc(e.Urgency))
			b.WriteString(`</strong>`)
		}
		b.WriteString(`</td><td>`)
		b.WriteString(register.FormatDate(register.Day(e.Date)))
		b.WriteString(`</td><td>`)
		b.WriteString(esc(e.TitleSubject))
		b.WriteString(`</td><td>`)
		b.WriteString(esc(e.Signer))
		b.WriteString(`</td><td>`)
		b.WriteString(esc(e.Recipients))
		b.WriteString(`</td><td>`)
		b.WriteString(strconv.Itoa(e.Copies))
		b.WriteString(`</td><td><a href="/api/documents/`)
		b.WriteString(id)
		b.WriteString(`/docx" download aria-label="Tải `)
		b.WriteString(ns)
		b.WriteString(`">.docx</a></td></tr>`)
		b.WriteByte('\n')
	}
	return template.HTML(b.String())
}

// registerPage answers GET /so-dang-ky?issuer=&year=&form=&from=&to=&q=&page=.
func (p *Pages) registerPage(c *gin.Context) {
	ctx := c.Request.Context()
	a := access.FromContext(ctx)
	rv := registerView{Errors: map[string]string{}}
	tree := p.svc.Tree()
	all, units := access.Visible(a, access.RegisterRead, tree)
	for _, u := range tree.Units() {
		if u.ShortName != "" && (all || units[u.ID]) {
			rv.Issuers = append(rv.Issuers, u)
		}
	}
	s := register.RegisterSearch{IssuerID: c.Query("issuer"), FormID: c.Query("form"), Text: strings.TrimSpace(c.Query("q"))}
	if _, given := c.GetQuery("issuer"); !given && !all && len(rv.Issuers) > 0 {
		s.IssuerID = rv.Issuers[0].ID
	}
	number := func(name, label string, max int) int {
		v := strings.TrimSpace(c.Query(name))
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > max {
			rv.Errors[name] = fmt.Sprintf("%s phải là số nguyên từ 0 đến %d.", label, max)
			return 0
		}
		return n
	}
	if utf8.RuneCountInString(s.Text) > register.MaxSearchText {
		rv.Errors["q"] = fmt.Sprintf("Nội dung tìm không được dài quá %d ký tự.", register.MaxSearchText)
		s.Text = ""
	}
	s.Year = number("year", "Năm", 9999)
	s.NumberFrom = number("from", "Từ số", 1_000_000)
	s.NumberTo = number("to", "Đến số", 1_000_000)
	page := max(number("page", "Trang", 1_000_000), 1)
	s.Limit, s.Offset = register.SearchLimit, (page-1)*register.SearchLimit
	rv.Search, rv.Page = s, page
	if defs, err := p.svc.Forms(ctx); err == nil {
		rv.Forms = defs
	}
	entries, more, err := p.svc.SearchRegister(ctx, s)
	if err != nil {
		p.fail(c, err)
		return
	}
	rv.Entries = entries
	rv.First, rv.Last = s.Offset+1, s.Offset+len(entries)
	q := c.Request.URL.Query()
	link := func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return "/so-dang-ky?" + q.Encode()
	}
	if page > 1 {
		rv.Prev = link(page - 1)
	}
	if more {
		rv.Next = link(page + 1)
	}
	// The export holds the lines the filters select, on every page.
	ex := url.Values{}
	for name, v := range map[string]string{"issuer": s.IssuerID, "form": s.FormID, "q": s.Text} {
		if v != "" {
			ex.Set(name, v)
		}
	}
	for name, n := range map[string]int{"year": s.Year, "from": s.NumberFrom, "to": s.NumberTo} {
		if n != 0 {
			ex.Set(name, strconv.Itoa(n))
		}
	}
	rv.XLSX, rv.CSV = "/api/register.xlsx?"+ex.Encode(), "/api/register.csv?"+ex.Encode()
	rv.CanExport = access.Holds(a, access.RegisterExport)
	p.render(c, http.StatusOK, "register", view{Title: "Sổ đăng ký văn bản đi", Data: &rv})
}
