package httpapi

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
	"vanthu/register"
	"vanthu/secretariat"
)

func invalidQuery(name, message string) error {
	return apperr.InvalidFields(map[string]string{name: message})
}

// registerEntries reads ?issuer=&year= and returns the register lines, for reading or,
// with export, for a CSV or XLSX export.
func (h *handler) registerEntries(c *gin.Context, export bool) (register.RegisterFilter, []register.Entry, error) {
	var f register.RegisterFilter
	var err error
	if f.IssuerID, err = h.queryIssuer(c); err != nil {
		return f, nil, err
	}
	if f.Year, err = queryInt(c, "year", labelYear, maxYear); err != nil {
		return f, nil, err
	}
	if export {
		entries, err := h.svc.ExportRegister(c.Request.Context(), f)
		return f, entries, err
	}
	entries, err := h.svc.Register(c.Request.Context(), f)
	return f, entries, err
}

// listRegister answers GET /api/register?issuer=&year=.
func (h *handler) listRegister(c *gin.Context) {
	_, entries, err := h.registerEntries(c, false)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, entries)
}

// registerCSV answers GET /api/register.csv?issuer=&year=.
func (h *handler) registerCSV(c *gin.Context) {
	_, entries, err := h.registerEntries(c, true)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="so-van-ban-di.csv"`)
	if err := secretariat.WriteRegisterCSV(c.Writer, entries); err != nil {
		h.log.Error("register csv", "err", err)
	}
}

// registerXLSX answers GET /api/register.xlsx?issuer=&year=.
func (h *handler) registerXLSX(c *gin.Context) {
	f, entries, err := h.registerEntries(c, true)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	title := "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
	if u, ok := h.svc.Tree().Unit(f.IssuerID); ok {
		title += " — " + u.Name
	}
	if f.Year > 0 {
		title += fmt.Sprintf(" — NĂM %d", f.Year)
	}
	c.Header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Header("Content-Disposition", `attachment; filename="so-van-ban-di.xlsx"`)
	if err := secretariat.WriteRegisterXLSX(c.Writer, title, entries); err != nil {
		h.log.Error("register xlsx", "err", err)
	}
}
