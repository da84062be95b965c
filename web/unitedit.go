package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/httpapi"
)

// unitEditForm is the form on a unit's page that changes its names and printing
// (directory.UnitEdit), sent on the directory version the page showed.
type unitEditForm struct {
	ID      string
	Version int64
	Fields  []unitEditField
}

// unitEditField is one input of the form, with the service's message when it refused it.
type unitEditField struct {
	Name, Label, Help, Value, Error string
	Required                        bool
	Max                             int
}

// newUnitEditForm is the form filled with what the unit says now.
func newUnitEditForm(u directory.Unit, version int64) *unitEditForm {
	return fillUnitEditForm(u.ID, version, directory.UnitEdit{Name: u.Name, ShortName: u.ShortName,
		Label: u.Label, HeadTitle: u.HeadTitle, Place: u.Place}, nil)
}

func fillUnitEditForm(id string, version int64, e directory.UnitEdit, errs map[string]string) *unitEditForm {
	field := func(name, label, help, value string, required bool) unitEditField {
		return unitEditField{Name: name, Label: label, Help: help, Value: value, Error: errs[name],
			Required: required, Max: directory.MaxUnitText}
	}
	return &unitEditForm{ID: id, Version: version, Fields: []unitEditField{
		field("name", "Tên đầy đủ", "In ở tiêu đề văn bản, ví dụ: Ủy ban nhân dân xã Đông Tiến.", e.Name, true),
		field("short_name", "Viết tắt (ký hiệu văn bản)", "Chữ in hoa hoặc chữ số, các nhóm nối bằng dấu gạch ngang: UBND, CAX, BCĐ138. Văn bản đã ban hành giữ số, ký hiệu cũ.", e.ShortName, false),
		field("label", "Tên ở Kính gửi, Nơi nhận", "Để trống thì dùng tên đầy đủ.", e.Label, false),
		field("head_title", "Chức danh người đứng đầu", "Ví dụ: Chủ tịch, Giám đốc, Trưởng ban.", e.HeadTitle, false),
		field("place", "Địa danh", "Viết trước ngày tháng của văn bản, ví dụ: Đông Tiến.", e.Place, false),
	}}
}

// unitEditPost answers POST /quan-tri/don-vi/:id: the unit's names and printing, saved through
// secretariat.Service.UpdateUnit on the version the page showed. A refused field comes back
// at the field, a directory changed meanwhile (409) at the top; what was typed stays.
func (p *Pages) unitEditPost(c *gin.Context) {
	id := c.Param("id")
	edit := directory.UnitEdit{Name: c.PostForm("name"), ShortName: c.PostForm("short_name"),
		Label: c.PostForm("label"), HeadTitle: c.PostForm("head_title"), Place: c.PostForm("place")}
	basedOn, _ := strconv.ParseInt(c.PostForm("based_on"), 10, 64)
	_, version, err := p.svc.UpdateUnit(c.Request.Context(), id, edit, basedOn)
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/quan-tri/don-vi?unit="+url.QueryEscape(id)+"&da-sua="+strconv.FormatInt(version, 10))
		return
	}
	status := httpapi.Status(err)
	if code := apperr.CodeOf(err); code == apperr.Forbidden || code == apperr.NotFound || status >= 500 {
		p.fail(c, err)
		return
	}
	// The page again, read anew: the facts show what the unit says now, the form what was
	// typed, sent next time on the version now shown.
	dv, ok := p.directoryView(c, id)
	if !ok {
		return
	}
	e := apperr.As(err)
	v := view{Title: "Danh mục đơn vị", Data: dv}
	if len(e.Fields) == 0 {
		v.Error = e.Message
	} else if _, known := fieldsOf(e.Fields, "name", "short_name", "label", "head_title", "place"); !known {
		v.Error = e.Message + " " + joinMessages(e.Fields)
	}
	dv.Edit = fillUnitEditForm(id, dv.Version, edit, e.Fields)
	p.render(c, status, "directory", v)
}

// fieldsOf reports whether errs names only fields among names (true when each is one).
func fieldsOf(errs map[string]string, names ...string) (int, bool) {
	n := 0
	for f := range errs {
		for _, name := range names {
			if f == name {
				n++
			}
		}
	}
	return n, n == len(errs)
}

// joinMessages is the messages of errs in one line, for a message that has no field here.
func joinMessages(errs map[string]string) string {
	out := ""
	for _, m := range errs {
		if out != "" {
			out += " "
		}
		out += m
	}
	return out
}
