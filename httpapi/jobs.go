package httpapi

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
	"vanthu/jobs"
)

// startPDFJob answers POST /api/jobs/pdf: 202 with the job making the ZIP of the PDFs of
// the documents asked for, and its address in Location.
func (h *handler) startPDFJob(c *gin.Context) {
	var req jobs.PDFBatchRequest
	if err := decodeJSON(c, &req); err != nil {
		fail(c, h.log, err)
		return
	}
	if h.jobs == nil {
		fail(c, h.log, apperr.Of(apperr.Unavailable))
		return
	}
	j, err := h.jobs.StartPDFBatch(c.Request.Context(), req)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Location", "/api/jobs/"+strconv.FormatInt(j.ID, 10))
	c.JSON(http.StatusAccepted, j)
}

// getJob answers GET /api/jobs/:id with the job's state and progress.
func (h *handler) getJob(c *gin.Context) {
	id, ok := h.jobID(c)
	if !ok {
		return
	}
	j, err := h.jobs.Job(c.Request.Context(), id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, j)
}

// cancelJob answers POST /api/jobs/:id/cancel.
func (h *handler) cancelJob(c *gin.Context) {
	id, ok := h.jobID(c)
	if !ok {
		return
	}
	j, err := h.jobs.Cancel(c.Request.Context(), id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, j)
}

// jobResult answers GET /api/jobs/:id/result with a completed job's file; 409 before.
func (h *handler) jobResult(c *gin.Context) {
	id, ok := h.jobID(c)
	if !ok {
		return
	}
	r, err := h.jobs.Result(c.Request.Context(), id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("X-Content-SHA256", r.SHA256)
	c.Header("Content-Disposition", `attachment; filename="`+asciiName(r.Name)+`"; filename*=UTF-8''`+url.PathEscape(r.Name))
	c.Data(http.StatusOK, r.ContentType, r.Content)
}

// jobID reads the job id of the path, answering (and reporting false) when it is not one or
// the server runs no job queue.
func (h *handler) jobID(c *gin.Context) (int64, bool) {
	id, err := pathID(c)
	if err == nil && h.jobs == nil {
		err = apperr.Of(apperr.Unavailable)
	}
	if err != nil {
		fail(c, h.log, err)
		return 0, false
	}
	return id, true
}
