package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/accounts"
	"vanthu/apperr"
	"vanthu/httpapi"
	"vanthu/inspection"
	"vanthu/publish"
	"vanthu/records"
	"vanthu/register"
	"vanthu/secretariat"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Config is what the pages need: the services both faces call.
type Config struct {
	Secretariat *secretariat.Service
	// Inspection is nil when the recognition cycle is not served: its pages are left out.
	Inspection *inspection.Service
	// Accounts answers the admin pages (users, audit log); nil leaves them out.
	Accounts *accounts.Service
	// Records answers the pages of people, bodies and commendation; nil leaves them out.
	Records *records.Service
	// PDF makes the PDFs of the "PDF" buttons; nil (or no LibreOffice) shows its reason.
	PDF *publish.Service
	Log *slog.Logger
}

// Pages are the web pages; New parses their templates once.
type Pages struct {
	svc      *secretariat.Service
	insp     *inspection.Service
	accounts *accounts.Service
	rec      *records.Service
	pdf      *publish.Service
	log      *slog.Logger
	pages    map[string]*template.Template
	sess     httpapi.Sessions
}

// New parses every page template with the layout; a broken template fails here, at start.
func New(cfg Config) (*Pages, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	p := &Pages{svc: cfg.Secretariat, insp: cfg.Inspection, accounts: cfg.Accounts, rec: cfg.Records, pdf: cfg.PDF, log: cfg.Log, pages: map[string]*template.Template{}}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	base, err := template.New("").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("web: layout: %w", err)
	}
	for _, name := range names {
		if name == "templates/layout.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFiles, name)
		if err != nil {
			return nil, fmt.Errorf("web: %s: %w", name, err)
		}
		p.pages[strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")] = t
	}
	return p, nil
}

// OpenPages are the routes answered without an actor: signing in and the static files.
func (p *Pages) OpenPages() []string {
	return []string{"GET /dang-nhap", "POST /dang-nhap", "GET /static/*filepath"}
}

// Mount adds the pages' routes to the router.
func (p *Pages) Mount(r gin.IRouter, s httpapi.Sessions) {
	p.sess = s
	static, _ := fs.Sub(staticFiles, "static")
	r.GET("/static/*filepath", func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=3600")
		c.FileFromFS(c.Param("filepath"), http.FS(static))
	})
	r.GET("/dang-nhap", p.signInPage)
	r.POST("/dang-nhap", p.signIn)
	r.POST("/dang-xuat", p.signOut)
	r.GET("/", p.home)

	r.GET("/van-ban/moi", p.chooseForm)
	r.GET("/van-ban/moi/:form", p.formPage)
	r.POST("/van-ban/moi/:form", p.formPost)
	r.GET("/van-ban/:id", p.documentPage)
	r.GET("/van-ban/:id/pdf", p.documentPDF)
	r.GET("/van-ban/:id/dinh-chinh", p.correctionPage)
	r.POST("/van-ban/:id/dinh-chinh", p.correctionPost)
	r.GET("/so-dang-ky", p.registerPage)
	r.GET("/mau-trong", p.templateLibrary)

	if p.insp != nil {
		r.GET("/kiem-tra", p.roundsPage)
		r.GET("/kiem-tra/:round", p.roundPage)
		r.GET("/kiem-tra/:round/:object", p.checklistPage)
		r.POST("/kiem-tra/:round/:object", p.checklistPost)
		r.GET("/kiem-tra/:round/:object/dang-ky", p.registrationPage)
		r.POST("/kiem-tra/:round/:object/dang-ky", p.registrationPost)
		r.GET("/tong-hop/:round", p.dashboardPage)
		r.GET("/ket-qua", p.unitResultsPage)
		r.GET("/ket-qua/:round/:object/giay-cong-nhan/:doc", p.certificateDocx)
	}
	if p.accounts != nil {
		r.GET("/quan-tri/nguoi-dung", p.usersPage)
		r.GET("/quan-tri/nguoi-dung/moi", p.userNewPage)
		r.POST("/quan-tri/nguoi-dung/moi", p.userPost)
		r.GET("/quan-tri/nguoi-dung/:id", p.userPage)
		r.POST("/quan-tri/nguoi-dung/:id", p.userPost)
		r.GET("/quan-tri/nhat-ky", p.auditPage)
	}
	r.GET("/quan-tri/don-vi", p.directoryPage)
	r.POST("/quan-tri/don-vi", p.directoryImport)
	r.POST("/quan-tri/don-vi/:id", p.unitEditPost)
	p.mountRecords(r)
}

// NotFound answers an unknown page address: a page in Vietnamese with the way home, 404.
func (p *Pages) NotFound(c *gin.Context) {
	p.render(c, http.StatusNotFound, "notfound", view{Title: "Không có trang này"})
}

// link is one entry of the navigation and the home page.
type link struct {
	Href, Label, Help string
}

// view is what every page template receives.
type view struct {
	Title string
	Actor *access.Actor
	Roles string
	CSRF  string
	Nav   []link
	Path  string
	// Message is a notice at the top (đã lưu, đã ban hành…); Error an error at the top.
	Message, Error string
	Data           any
}

// links are the things an actor may do, shown in the navigation and on the home page.
// They only hide what the services would refuse; the services decide.
func (p *Pages) links(a *access.Actor) []link {
	var out []link
	if access.Holds(a, access.DocumentDraft) {
		out = append(out, link{"/van-ban/moi", "Soạn văn bản", "Chọn mẫu, điền nội dung, xem trước và ban hành."})
	}
	if access.Holds(a, access.RegisterRead) {
		out = append(out, link{"/so-dang-ky", "Sổ đăng ký văn bản đi", "Tìm văn bản đã ban hành, tải về, xuất CSV/XLSX."})
	}
	if p.insp != nil && (access.Holds(a, access.InspectionAssess) || access.Holds(a, access.RoundRead)) {
		out = append(out, link{"/kiem-tra", "Đợt kiểm tra", "Các đợt, đối tượng và phiếu kiểm tra “An toàn về an ninh, trật tự”."})
	}
	if p.insp != nil && access.Holds(a, access.RoundRegister) && access.Holds(a, access.ResultRead) {
		// A unit taking part in the rounds: its own results, apart from the rounds' lists.
		out = append(out, link{"/ket-qua", "Kết quả và giấy công nhận", "Kết quả kiểm tra của đơn vị, lý do chưa đạt, tải Giấy công nhận."})
	}
	out = append(out, p.recordLinks(a)...)
	if access.Holds(a, access.TemplateRead) {
		out = append(out, link{"/mau-trong", "Thư viện mẫu", "Tải mẫu trống (.docx) có sẵn tiêu đề của đơn vị."})
	}
	if p.accounts != nil && access.Holds(a, access.UserManage) {
		out = append(out, link{"/quan-tri/nguoi-dung", "Người dùng", "Thêm, sửa, khoá người dùng và giao vai trò trong phạm vi quản lý."})
	}
	if access.Holds(a, access.DirectoryWrite) {
		out = append(out, link{"/quan-tri/don-vi", "Danh mục đơn vị", "Cây đơn vị theo cấp; sửa tên một đơn vị; xuất, nhập CSV."})
	}
	if p.accounts != nil && access.Can(a, access.AuditRead, access.Everywhere, nil) {
		out = append(out, link{"/quan-tri/nhat-ky", "Nhật ký", "Ai đã làm gì, khi nào; lọc và xuất CSV."})
	}
	return out
}

// render draws a page with the layout.
func (p *Pages) render(c *gin.Context, status int, page string, v view) {
	t, ok := p.pages[page]
	if !ok {
		p.log.Error("web: no such page template", "page", page)
		c.Status(http.StatusInternalServerError)
		return
	}
	a := access.FromContext(c.Request.Context())
	v.Actor = a
	if a != nil {
		v.Nav = p.links(a)
		var roles []string
		for _, g := range a.Grants {
			roles = append(roles, g.Role.Name)
		}
		v.Roles = strings.Join(roles, ", ")
	}
	if httpapi.BodyTooLarge(c.Request) && status < http.StatusBadRequest {
		// A form sent over the body limit, answered with its page (see httpapi.BodyTooLarge).
		status = http.StatusRequestEntityTooLarge
		if v.Error == "" {
			v.Error = apperr.DefaultMessage(apperr.TooLarge) + " Chưa ghi nhận gì từ lần gửi này."
		}
	}
	v.CSRF = p.sess.CSRF(c)
	v.Path = c.Request.URL.Path
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		p.log.Error("web: render", "page", page, "err", err)
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// fail shows an error page with the status of err and its Vietnamese message.
func (p *Pages) fail(c *gin.Context, err error) {
	status := httpapi.Status(err)
	e := apperr.As(err)
	msg := e.Message
	switch {
	case e.Code == apperr.Unavailable || e.Code == apperr.StorageFull:
		// The reader is told what is missing (LibreOffice, room on the disk); the operator
		// reads it in the log.
		p.log.Warn("web: page not served", "path", c.Request.URL.Path, "code", e.Code, "err", err)
	case status >= 500:
		p.log.Error("web: page failed", "path", c.Request.URL.Path, "err", err)
		msg = apperr.DefaultMessage(apperr.Internal)
	}
	if status == http.StatusUnauthorized {
		c.Redirect(http.StatusSeeOther, "/dang-nhap?next="+url.QueryEscape(c.Request.URL.RequestURI()))
		return
	}
	p.render(c, status, "error", view{Title: "Không thực hiện được", Error: msg})
}

// kindNames and outcomeNames are the Vietnamese names of the recognition's kinds of
// object and outcomes, as the pages print them.
var (
	kindNames = map[inspection.Kind]string{
		inspection.ResidentialArea: "Khu dân cư",
		inspection.Commune:         "Xã, phường, đặc khu",
		inspection.Agency:          "Cơ quan, doanh nghiệp",
		inspection.School:          "Cơ sở giáo dục",
	}
	outcomeNames = map[inspection.Outcome]string{
		inspection.Recognised:    "Đạt",
		inspection.NotRecognised: "Chưa đạt",
		inspection.Pending:       "Chưa đánh giá xong",
	}
)

var funcs = template.FuncMap{
	"kindName":     func(k inspection.Kind) string { return kindNames[k] },
	"outcomeName":  func(o inspection.Outcome) string { return outcomeNames[o] },
	"percent":      percentOf,
	"numberSymbol": register.NumberSymbol,
	"date": func(t any) string {
		switch d := t.(type) {
		case time.Time:
			return register.FormatDate(register.Day(d))
		case *time.Time:
			if d != nil {
				return register.FormatDate(register.Day(*d))
			}
		}
		return ""
	},
	"inc":      func(i int) int { return i + 1 },
	"size":     sizeOf,
	"unitKind": unitKindName,
	"day":      isoDay,
	"kindLabel": func(id string) string {
		for _, k := range docKindChoices {
			if k.ID == id {
				return k.Label
			}
		}
		return id
	},
	"join":  func(s []string, sep string) string { return strings.Join(s, sep) },
	"lines": func(s []string) string { return strings.Join(s, "\n") },
}

// percentOf writes a share as Vietnamese readers write a percentage: "62,5%".
func percentOf(f float64) string {
	return strings.Replace(strconv.FormatFloat(f*100, 'f', 1, 64), ".", ",", 1) + "%"
}
