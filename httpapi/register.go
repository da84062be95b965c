package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
	"vanthu/register"
	"vanthu/secretariat"
)

func invalidQuery(name, message string) error {
	return apperr.InvalidFields(map[string]string{name: message})
}

// registerEntries reads ?issuer=&year=&form=&from=&to=&q= (the register page's filters) and returns the register lines, for reading or,
// with export, for a CSV or XLSX export: those of the ordinary register, or with secret
// those of the register of secret documents.
func (h *handler) registerEntries(c *gin.Context, export, secret bool) (register.RegisterFilter, []register.Entry, error) {
	var f register.RegisterFilter
	var err error
	if f.IssuerID, err = h.queryIssuer(c); err != nil {
		return f, nil, err
	}
	if f.Year, err = queryInt(c, "year", labelYear, maxYear); err != nil {
		return f, nil, err
	}
	if f.NumberFrom, err = queryInt(c, "from", labelNumberFrom, maxNumber); err != nil {
		return f, nil, err
	}
	if f.NumberTo, err = queryInt(c, "to", labelNumberTo, maxNumber); err != nil {
		return f, nil, err
	}
	f.FormID = c.Query("form")
	f.Text = strings.TrimSpace(c.Query("q"))
	if utf8.RuneCountInString(f.Text) > register.MaxSearchText {
		return f, nil, invalidQuery("q", fmt.Sprintf(msgSearchTextLength, register.MaxSearchText))
	}
	ctx := c.Request.Context()
	var entries []register.Entry
	switch {
	case secret && export:
		entries, err = h.svc.ExportSecretRegister(ctx, f)
	case secret:
		entries, err = h.svc.SecretRegister(ctx, f)
	case export:
		entries, err = h.svc.ExportRegister(ctx, f)
	default:
		entries, err = h.svc.Register(ctx, f)
	}
	return f, entries, err
}

// listRegister answers GET /api/register?issuer=&year=&form=&from=&to=&q=.
func (h *handler) listRegister(c *gin.Context) { h.registerJSON(c, false) }

// listSecretRegister answers GET /api/register/secret?issuer=&year=&form=&from=&to=&q=.
func (h *handler) listSecretRegister(c *gin.Context) { h.registerJSON(c, true) }

func (h *handler) registerJSON(c *gin.Context, secret bool) {
	_, entries, err := h.registerEntries(c, false, secret)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, entries)
}

// registerCSV answers GET /api/register.csv?issuer=&year=&form=&from=&to=&q=.
func (h *handler) registerCSV(c *gin.Context) { h.registerCSVOf(c, false) }

// secretRegisterCSV answers GET /api/register/secret.csv?issuer=&year=&form=&from=&to=&q=.
func (h *handler) secretRegisterCSV(c *gin.Context) { h.registerCSVOf(c, true) }

func (h *handler) registerCSVOf(c *gin.Context, secret bool) {
	_, entries, err := h.registerEntries(c, true, secret)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	write, name := secretariat.WriteRegisterCSV, "so-van-ban-di.csv"
	if secret {
		write, name = secretariat.WriteSecretRegisterCSV, "so-van-ban-mat.csv"
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	if err := write(c.Writer, entries); err != nil {
		h.log.Error("register csv", "err", err)
	}
}

// registerXLSX answers GET /api/register.xlsx?issuer=&year=&form=&from=&to=&q=.
func (h *handler) registerXLSX(c *gin.Context) { h.registerXLSXOf(c, false) }

// secretRegisterXLSX answers GET /api/register/secret.xlsx?issuer=&year=&form=&from=&to=&q=.
func (h *handler) secretRegisterXLSX(c *gin.Context) { h.registerXLSXOf(c, true) }

func (h *handler) registerXLSXOf(c *gin.Context, secret bool) {
	f, entries, err := h.registerEntries(c, true, secret)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	title, write, name := "SỔ ĐĂNG KÝ VĂN BẢN ĐI", secretariat.WriteRegisterXLSX, "so-van-ban-di.xlsx"
	if secret {
		title, write, name = "SỔ ĐĂNG KÝ VĂN BẢN MẬT", secretariat.WriteSecretRegisterXLSX, "so-van-ban-mat.xlsx"
	}
	if u, ok := h.svc.Tree().Unit(f.IssuerID); ok {
		title += " — " + u.Name
	}
	if f.Year > 0 {
		title += fmt.Sprintf(" — NĂM %d", f.Year)
	}
	c.Header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	if err := write(c.Writer, title, entries); err != nil {
		h.log.Error("register xlsx", "err", err)
	}
}
