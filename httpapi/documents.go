package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/register"
	"vanthu/secretariat"
)

// createRequest is the body of POST /api/documents: a submission, issued at once when Issue.
type createRequest struct {
	secretariat.Submission
	Issue bool `json:"issue"`
}

// route answers POST /api/route with the recipients routing proposes for a submission.
func (h *handler) route(c *gin.Context) {
	var sub secretariat.Submission
	if err := decodeJSON(c, &sub); err != nil {
		fail(c, h.log, err)
		return
	}
	r, err := h.svc.Route(c.Request.Context(), &sub)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

// preview answers POST /api/preview with the .docx of a submission, nothing stored.
func (h *handler) preview(c *gin.Context) {
	var sub secretariat.Submission
	if err := decodeJSON(c, &sub); err != nil {
		fail(c, h.log, err)
		return
	}
	data, err := h.svc.Preview(c.Request.Context(), &sub)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	sendDocx(c, "du-thao-"+sub.Form+".docx", data)
}

// createDocument answers POST /api/documents: 201 with the draft, or with the issued
// document when the body says "issue": true.
func (h *handler) createDocument(c *gin.Context) {
	var req createRequest
	if err := decodeJSON(c, &req); err != nil {
		fail(c, h.log, err)
		return
	}
	var d register.Document
	var err error
	if req.Issue {
		d, err = h.svc.CreateAndIssue(c.Request.Context(), &req.Submission)
	} else {
		d, err = h.svc.CreateDraft(c.Request.Context(), &req.Submission, 0)
	}
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Location", "/api/documents/"+strconv.FormatInt(d.ID, 10))
	sendDocument(c, http.StatusCreated, d)
}

// correctDocument answers POST /api/documents/:id/corrections: a new draft (a correcting
// dispatch) that refers to the issued document :id, which itself never changes.
func (h *handler) correctDocument(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var sub secretariat.Submission
	if err := decodeJSON(c, &sub); err != nil {
		fail(c, h.log, err)
		return
	}
	d, err := h.svc.CreateDraft(c.Request.Context(), &sub, id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Location", "/api/documents/"+strconv.FormatInt(d.ID, 10))
	sendDocument(c, http.StatusCreated, d)
}

// listDocuments answers GET /api/documents?issuer=&status=&year=&limit=&offset=.
func (h *handler) listDocuments(c *gin.Context) {
	f := register.DocumentFilter{Status: register.Status(c.Query("status"))}
	var err error
	if f.Status != "" && f.Status != register.Draft && f.Status != register.Issued {
		fail(c, h.log, invalidQuery("status", msgBadStatus))
		return
	}
	if f.IssuerID, err = h.queryIssuer(c); err == nil {
		if f.Year, err = queryInt(c, "year", labelYear, maxYear); err == nil {
			if f.Limit, err = queryInt(c, "limit", labelLimit, register.MaxLimit); err == nil {
				f.Offset, err = queryInt(c, "offset", labelOffset, maxOffset)
			}
		}
	}
	if err != nil {
		fail(c, h.log, err)
		return
	}
	docs, err := h.svc.Documents(c.Request.Context(), f)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, docs)
}

// getDocument answers GET /api/documents/:id.
func (h *handler) getDocument(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	d, err := h.svc.Document(c.Request.Context(), id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	sendDocument(c, http.StatusOK, d)
}

// updateDocument answers PUT /api/documents/:id: a draft's new content; 409 once issued.
func (h *handler) updateDocument(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var sub secretariat.Submission
	if err := decodeJSON(c, &sub); err != nil {
		fail(c, h.log, err)
		return
	}
	d, err := h.svc.UpdateDraft(c.Request.Context(), id, &sub)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	sendDocument(c, http.StatusOK, d)
}

// documentFile answers GET /api/documents/:id/docx: the stored file of an issued document
// (with its SHA-256 as ETag), or the preview of a draft.
func (h *handler) documentFile(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	ctx := c.Request.Context()
	d, err := h.svc.Document(ctx, id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	if d.Status != register.Issued {
		data, err := h.svc.DraftPreview(ctx, id)
		if err != nil {
			fail(c, h.log, err)
			return
		}
		sendDocx(c, "du-thao-"+strconv.FormatInt(id, 10)+".docx", data)
		return
	}
	data, sha, err := h.svc.File(ctx, id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("ETag", `"`+sha+`"`)
	c.Header("X-Content-SHA256", sha)
	if etagMatches(c.GetHeader("If-None-Match"), `"`+sha+`"`) {
		c.Status(http.StatusNotModified)
		return
	}
	// "01/UBND-NC" → "01-UBND-NC.docx": a file name cannot hold the slash.
	sendDocx(c, strings.ReplaceAll(register.NumberSymbol(d.Number, d.Symbol), "/", "-")+".docx", data)
}

// issueDocument answers POST /api/documents/:id/issue: number, register, store.
func (h *handler) issueDocument(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	d, err := h.svc.Issue(c.Request.Context(), id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	sendDocument(c, http.StatusOK, d)
}
