package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
	"vanthu/publish"
	"vanthu/secretariat"
)

// documentPDF answers GET /api/documents/:id/pdf: the PDF/A of an issued document, or the
// plain PDF of a draft's preview. 503 when LibreOffice is missing.
func (h *handler) documentPDF(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	if h.pdf == nil {
		fail(c, h.log, apperr.Of(apperr.Unavailable))
		return
	}
	f, err := h.pdf.Document(c.Request.Context(), id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	sendPDF(c, f)
}

// previewPDF answers POST /api/preview.pdf with the plain PDF of a submission's preview.
func (h *handler) previewPDF(c *gin.Context) {
	var sub secretariat.Submission
	if err := decodeJSON(c, &sub); err != nil {
		fail(c, h.log, err)
		return
	}
	if h.pdf == nil {
		fail(c, h.log, apperr.Of(apperr.Unavailable))
		return
	}
	f, err := h.pdf.Preview(c.Request.Context(), &sub)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	sendPDF(c, f)
}

// sendPDF writes a PDF as a download; X-Vanthu-Cache says whether it was converted now. Its
// SHA-256 is the ETag, as for the .docx, so a client that has it gets 304.
func sendPDF(c *gin.Context, f publish.File) {
	cache := "miss"
	if f.Cached {
		cache = "hit"
	}
	c.Header("X-Vanthu-Cache", cache)
	sum := sha256.Sum256(f.Data)
	sha := hex.EncodeToString(sum[:])
	c.Header("ETag", `"`+sha+`"`)
	c.Header("X-Content-SHA256", sha)
	if etagMatches(c.GetHeader("If-None-Match"), `"`+sha+`"`) {
		c.Status(http.StatusNotModified)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+asciiName(f.Name)+`"; filename*=UTF-8''`+url.PathEscape(f.Name))
	c.Data(http.StatusOK, "application/pdf", f.Data)
}
