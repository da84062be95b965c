package web

import (
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/httpapi"
)

// directoryView is the directory page: one unit with its parents and children, or the roots.
type directoryView struct {
	Unit      *directory.Unit
	Ancestors []directory.Unit
	Children  []directory.Unit
	Version   int64
	// CanImport shows the import form to those who may replace the directory.
	CanImport   bool
	ImportError string
	// Edit is the form that edits the unit shown, for those who may change it (unitedit.go).
	Edit *unitEditForm
}

// directoryPage answers GET /quan-tri/don-vi?unit=: the directory tree, one level at a time.
func (p *Pages) directoryPage(c *gin.Context) {
	dv, ok := p.directoryView(c, c.Query("unit"))
	if !ok {
		return
	}
	msg := ""
	if v := c.Query("da-nhap"); v != "" {
		msg = "Đã nhập danh mục đơn vị: phiên bản " + v + "."
	}
	if v := c.Query("da-sua"); v != "" && dv.Unit != nil {
		msg = "Đã lưu đơn vị: danh mục phiên bản " + v + "."
	}
	p.render(c, http.StatusOK, "directory", view{Title: "Danh mục đơn vị", Message: msg, Data: dv})
}

// directoryView reads the tree for the page: the roots, or the unit id with its parents and
// children (and, for those who may change it, the form filled with what it says).
func (p *Pages) directoryView(c *gin.Context, id string) (*directoryView, bool) {
	ctx := c.Request.Context()
	if _, err := p.svc.Directory(ctx); err != nil {
		p.fail(c, err)
		return nil, false
	}
	// The tree and its version read together, as the API's export does for its ETag.
	tree, version := p.svc.VersionedDirectory()
	dv := &directoryView{Version: version,
		CanImport: access.Can(access.FromContext(ctx), access.DirectoryWrite, access.Everywhere, tree)}
	if id != "" {
		u, ok := tree.Unit(id)
		if !ok {
			p.fail(c, apperr.New(apperr.NotFound, "Danh mục không có đơn vị này."))
			return nil, false
		}
		dv.Unit, dv.Ancestors, dv.Children = &u, tree.Ancestors(id), tree.Children(id)
		// Ancestors are listed nearest first; the page reads from the root down.
		for i, j := 0, len(dv.Ancestors)-1; i < j; i, j = i+1, j-1 {
			dv.Ancestors[i], dv.Ancestors[j] = dv.Ancestors[j], dv.Ancestors[i]
		}
		if access.Can(access.FromContext(ctx), access.DirectoryWrite, id, tree) {
			dv.Edit = newUnitEditForm(u, version)
		}
		return dv, true
	}
	for _, u := range tree.Units() {
		if u.ParentID == "" {
			dv.Children = append(dv.Children, u)
		}
	}
	return dv, true
}

// directoryImport answers POST /quan-tri/don-vi (multipart): the units CSV, imported on the
// version the page showed, as the API's PUT with If-Match: a directory changed meanwhile
// is refused (409) rather than overwritten.
func (p *Pages) directoryImport(c *gin.Context) {
	dv, ok := p.directoryView(c, "")
	if !ok {
		return
	}
	basedOn, _ := strconv.ParseInt(c.PostForm("version"), 10, 64)
	// The service's own check, asked first so a caller who may not import is refused
	// whether or not a file came.
	err := access.Require(c.Request.Context(), access.DirectoryWrite, access.Everywhere, p.svc.Tree())
	var fh *multipart.FileHeader
	if err == nil {
		if fh, err = c.FormFile("units"); err != nil {
			err = apperr.InvalidFields(map[string]string{"units": "Chọn tệp CSV danh mục đơn vị để nhập."})
		}
	}
	var f io.ReadCloser
	if err == nil {
		f, err = fh.Open()
	}
	if err == nil {
		var version int64
		version, err = p.svc.ImportDirectory(c.Request.Context(), f, nil, basedOn)
		f.Close()
		if err == nil {
			c.Redirect(http.StatusSeeOther, "/quan-tri/don-vi?da-nhap="+strconv.FormatInt(version, 10))
			return
		}
	}
	if code := apperr.CodeOf(err); code == apperr.Forbidden || httpapi.Status(err) >= 500 {
		p.fail(c, err)
		return
	}
	e := apperr.As(err)
	msgs := []string{e.Message}
	for _, m := range e.Fields {
		msgs = append(msgs, m)
	}
	dv.ImportError = strings.Join(msgs, " ")
	p.render(c, httpapi.Status(err), "directory", view{Title: "Danh mục đơn vị", Data: dv})
}

// unitKindNames are the Vietnamese names of the directory's kinds of unit, as the page
// prints them (the CSV keeps the codes).
var unitKindNames = map[directory.Kind]string{
	directory.Nation:            "Trung ương",
	directory.Province:          "Tỉnh, thành phố",
	directory.District:          "Huyện, thị xã, thành phố thuộc tỉnh",
	directory.Commune:           "Xã, phường, đặc khu",
	directory.Village:           "Thôn, tổ dân phố",
	directory.PeopleCommittee:   "Ủy ban nhân dân",
	directory.Police:            "Công an",
	directory.SteeringCommittee: "Ban Chỉ đạo",
	directory.Department:        "Sở, phòng, ban, ngành",
	directory.Agency:            "Cơ quan, đoàn thể, tổ chức",
	directory.Enterprise:        "Doanh nghiệp",
	directory.School:            "Cơ sở giáo dục",
}

// unitKindName is the Vietnamese name of a kind, with its code when it has none.
func unitKindName(k directory.Kind) string {
	if n, ok := unitKindNames[k]; ok {
		return n
	}
	return string(k)
}
