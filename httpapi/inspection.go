package httpapi

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
	"vanthu/inspection"
	"vanthu/inspection/workbook"
	"vanthu/register"
	"vanthu/secretariat"
)

// The routes of the yearly "An toàn về an ninh, trật tự" recognition. Handlers bind the
// request, call the inspection service and write its answer; the rules live in inspection.
func (h *handler) inspectionRoutes(api *gin.RouterGroup) {
	api.GET("/checklists", h.listChecklists)
	api.GET("/checklists/:id", h.getChecklist)

	rounds := api.Group("/inspection/rounds")
	rounds.GET("", h.listRounds)
	rounds.POST("", h.createRound)
	rounds.GET("/:id", h.getRound)
	rounds.PUT("/:id", h.updateRound)
	rounds.DELETE("/:id", h.deleteRound)
	rounds.GET("/:id/objects", h.listObjects)
	rounds.PUT("/:id/objects", h.putObjects)
	rounds.DELETE("/:id/objects/:object", h.deleteObject)
	rounds.POST(strings.TrimPrefix(registrationPath, "/api/inspection/rounds"), h.registerObject)
	rounds.GET("/:id/objects/:object/attachments", h.listAttachments)
	rounds.GET("/:id/attachments/:file", h.getAttachment)
	rounds.GET("/:id/objects/:object/assessment", h.getAssessment)
	rounds.PUT("/:id/objects/:object/assessment", h.saveAssessment)
	rounds.GET("/:id/objects/:object/result", h.objectResult)
	rounds.GET("/:id/result", h.roundResult)
	rounds.GET("/:id/progress", h.roundProgress)
	rounds.GET("/:id/progress.xlsx", h.roundProgressXLSX)
	rounds.POST("/:id/documents", h.createRoundDocument)
	rounds.POST("/:id/certificates", h.createCertificates)
}

// registrationPath is the route receiving registration files, which has its own body limit.
const registrationPath = "/api/inspection/rounds/:id/objects/:object/registration"

// roundID reads the :id path parameter as a round id.
func roundID(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, inspection.MsgRoundNotFound)
	}
	return id, nil
}

// listChecklists answers GET /api/checklists.
func (h *handler) listChecklists(c *gin.Context) {
	list, err := h.insp.Checklists(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, list)
}

// getChecklist answers GET /api/checklists/:id.
func (h *handler) getChecklist(c *gin.Context) {
	cl, err := h.insp.Checklist(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, cl)
}

// listRounds answers GET /api/inspection/rounds?year=&authority=.
func (h *handler) listRounds(c *gin.Context) {
	year, err := queryInt(c, "year", labelYear, maxYear)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	rounds, err := h.insp.Rounds(c.Request.Context(), inspection.RoundFilter{Year: year, AuthorityID: c.Query("authority")})
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, rounds)
}

// createRound answers POST /api/inspection/rounds.
func (h *handler) createRound(c *gin.Context) {
	var in inspection.RoundInput
	if err := decodeJSON(c, &in); err != nil {
		fail(c, h.log, err)
		return
	}
	r, err := h.insp.CreateRound(c.Request.Context(), in)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusCreated, r)
}

// getRound answers GET /api/inspection/rounds/:id.
func (h *handler) getRound(c *gin.Context) {
	id, err := roundID(c)
	if err == nil {
		var r *inspection.Round
		if r, err = h.insp.Round(c.Request.Context(), id); err == nil {
			c.JSON(http.StatusOK, r)
			return
		}
	}
	fail(c, h.log, err)
}

// updateRound answers PUT /api/inspection/rounds/:id.
func (h *handler) updateRound(c *gin.Context) {
	id, err := roundID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var in inspection.RoundInput
	if err := decodeJSON(c, &in); err != nil {
		fail(c, h.log, err)
		return
	}
	r, err := h.insp.UpdateRound(c.Request.Context(), id, in)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

// deleteRound answers DELETE /api/inspection/rounds/:id.
func (h *handler) deleteRound(c *gin.Context) {
	id, err := roundID(c)
	if err == nil {
		if err = h.insp.DeleteRound(c.Request.Context(), id); err == nil {
			c.Status(http.StatusNoContent)
			return
		}
	}
	fail(c, h.log, err)
}

// listObjects answers GET /api/inspection/rounds/:id/objects.
func (h *handler) listObjects(c *gin.Context) {
	id, err := roundID(c)
	if err == nil {
		var objects []inspection.Object
		if objects, err = h.insp.Objects(c.Request.Context(), id); err == nil {
			c.JSON(http.StatusOK, objects)
			return
		}
	}
	fail(c, h.log, err)
}

// objectsBody is the body of PUT /api/inspection/rounds/:id/objects.
type objectsBody struct {
	Objects []inspection.Object `json:"objects"`
}

// putObjects answers PUT /api/inspection/rounds/:id/objects: adds objects to the roster or
// changes them, and returns the roster.
func (h *handler) putObjects(c *gin.Context) {
	id, err := roundID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var body objectsBody
	if err := decodeJSON(c, &body); err != nil {
		fail(c, h.log, err)
		return
	}
	ctx := c.Request.Context()
	if err := h.insp.PutObjects(ctx, id, body.Objects); err != nil {
		fail(c, h.log, err)
		return
	}
	objects, err := h.insp.Objects(ctx, id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, objects)
}

// maxFilesPerRegistration bounds the files of one registration request.
const maxFilesPerRegistration = 20

// registerObject answers POST /api/inspection/rounds/:id/objects/:object/registration. The
// body is multipart/form-data: fields registered_on and note, and files under the names of
// the documents of art. 9.2.a (nghi-quyet, ke-hoach, ban-dang-ky, khac); or JSON
// {"registered_on", "note"} for a registration without files.
func (h *handler) registerObject(c *gin.Context) {
	id, err := roundID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	reg := &inspection.Registration{}
	mediaType, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	switch mediaType {
	case "multipart/form-data":
		if err := readRegistration(c, reg); err != nil {
			fail(c, h.log, err)
			return
		}
	default:
		var body struct {
			RegisteredOn string `json:"registered_on"`
			Note         string `json:"note"`
		}
		if err := decodeJSON(c, &body); err != nil {
			fail(c, h.log, err)
			return
		}
		reg.RegisteredOn, reg.Note = body.RegisteredOn, body.Note
	}
	o, err := h.insp.Register(c.Request.Context(), id, c.Param("object"), reg)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"object": o, "files": reg.Files})
}

// readRegistration reads a multipart registration into reg.
func readRegistration(c *gin.Context, reg *inspection.Registration) error {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return apperr.Wrap(apperr.BadInput, msgUnreadableMultipart, err)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return bodyError(err, msgUnreadableMultipart)
		}
		name := part.FormName()
		data, err := io.ReadAll(part)
		part.Close()
		if err != nil {
			return bodyError(err, msgUnreadableFile)
		}
		if part.FileName() == "" {
			switch name {
			case "registered_on":
				reg.RegisteredOn = strings.TrimSpace(string(data))
			case "note":
				reg.Note = string(data)
			default:
				return apperr.InvalidFields(map[string]string{name: fmt.Sprintf(msgRegistrationField, name)})
			}
			continue
		}
		if len(reg.Files) == maxFilesPerRegistration {
			return apperr.InvalidFields(map[string]string{"files": fmt.Sprintf(msgTooManyFiles, maxFilesPerRegistration)})
		}
		reg.Files = append(reg.Files, inspection.Attachment{DocKind: name, Name: part.FileName(), Data: data})
	}
}

// bodyError maps a failure to read the request body: over the limit is 413.
func bodyError(err error, message string) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		e := apperr.Of(apperr.TooLarge)
		e.Cause = err
		return e
	}
	return apperr.Wrap(apperr.BadInput, message, err)
}

// listAttachments answers GET /api/inspection/rounds/:id/objects/:object/attachments.
func (h *handler) listAttachments(c *gin.Context) {
	id, err := roundID(c)
	if err == nil {
		var files []inspection.Attachment
		if files, err = h.insp.Attachments(c.Request.Context(), id, c.Param("object")); err == nil {
			c.JSON(http.StatusOK, files)
			return
		}
	}
	fail(c, h.log, err)
}

// getAttachment answers GET /api/inspection/rounds/:id/attachments/:file with the file.
func (h *handler) getAttachment(c *gin.Context) {
	id, err := roundID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	fileID, perr := strconv.ParseInt(c.Param("file"), 10, 64)
	if perr != nil || fileID <= 0 {
		fail(c, h.log, apperr.New(apperr.NotFound, inspection.MsgAttachmentNotFound))
		return
	}
	a, err := h.insp.Attachment(c.Request.Context(), id, fileID)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
	c.Data(http.StatusOK, a.ContentType, a.Data)
}

// getAssessment answers GET /api/inspection/rounds/:id/objects/:object/assessment: the
// checklist with the answers saved so far and the version to send back when saving.
func (h *handler) getAssessment(c *gin.Context) {
	id, err := roundID(c)
	if err == nil {
		var form *inspection.Form
		if form, err = h.insp.Assessment(c.Request.Context(), id, c.Param("object")); err == nil {
			c.JSON(http.StatusOK, form)
			return
		}
	}
	fail(c, h.log, err)
}

// assessmentBody is the body of PUT …/assessment.
type assessmentBody struct {
	Version   *int                         `json:"version"`
	Answers   map[string]inspection.Answer `json:"answers"`
	Facts     *inspection.Facts            `json:"facts"`
	UpdatedBy string                       `json:"updated_by"`
}

// saveAssessment answers PUT /api/inspection/rounds/:id/objects/:object/assessment. The
// body names the version the inspector opened; a stale one gets 409.
func (h *handler) saveAssessment(c *gin.Context) {
	id, err := roundID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var body assessmentBody
	if err := decodeJSON(c, &body); err != nil {
		fail(c, h.log, err)
		return
	}
	if body.Version == nil {
		fail(c, h.log, apperr.InvalidFields(map[string]string{"version": msgVersionRequired}))
		return
	}
	a, err := h.insp.SaveAssessment(c.Request.Context(), &inspection.Assessment{RoundID: id, ObjectID: c.Param("object"),
		Version: *body.Version, Answers: body.Answers, Facts: body.Facts, UpdatedBy: body.UpdatedBy})
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, a)
}

// objectResult answers GET /api/inspection/rounds/:id/objects/:object/result.
func (h *handler) objectResult(c *gin.Context) {
	id, err := roundID(c)
	if err == nil {
		var v *inspection.Verdict
		if v, err = h.insp.ObjectResult(c.Request.Context(), id, c.Param("object")); err == nil {
			c.JSON(http.StatusOK, v)
			return
		}
	}
	fail(c, h.log, err)
}

// roundResult answers GET /api/inspection/rounds/:id/result: every object's verdict.
func (h *handler) roundResult(c *gin.Context) {
	id, err := roundID(c)
	if err == nil {
		var r *inspection.Round
		var s *inspection.Scores
		if r, _, s, err = h.insp.Result(c.Request.Context(), id); err == nil {
			c.JSON(http.StatusOK, gin.H{"round": r, "verdicts": s.Verdicts})
			return
		}
	}
	fail(c, h.log, err)
}

// roundProgress answers GET /api/inspection/rounds/:id/progress.
func (h *handler) roundProgress(c *gin.Context) {
	id, err := roundID(c)
	if err == nil {
		var p *inspection.Progress
		if p, err = h.insp.Progress(c.Request.Context(), id); err == nil {
			c.JSON(http.StatusOK, p)
			return
		}
	}
	fail(c, h.log, err)
}

// documentBody is the body of POST …/documents: the submission's user fields and which
// results to fill it with. With issue the document is numbered and registered at once.
type documentBody struct {
	inspection.DocumentRequest
	IssuerID string         `json:"issuer_id"`
	Data     map[string]any `json:"data"`
	Issue    bool           `json:"issue"`
}

// createRoundDocument answers POST /api/inspection/rounds/:id/documents: the minutes, the
// proposal, the decision or the notice, with the fields that come from the round filled
// from its results, handed to the secretariat as any other submission.
func (h *handler) createRoundDocument(c *gin.Context) {
	id, err := roundID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var body documentBody
	if err := decodeJSON(c, &body); err != nil {
		fail(c, h.log, err)
		return
	}
	ctx := c.Request.Context()
	computed, err := h.insp.Prefill(ctx, id, body.DocumentRequest)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	sub, err := submission(body.Form, body.IssuerID, body.Data, computed)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	h.createSubmission(c, sub, body.Issue)
}

// certificatesBody is the body of POST …/certificates: the fields shared by every
// certificate (grantor, decision, date, signer), the kinds to certify, whether to issue
// them (number and register each) and how to answer: "" for the documents as JSON, "zip"
// for a ZIP of one .docx per certificate, "docx" for one .docx of them all, a certificate
// per page group.
type certificatesBody struct {
	IssuerID string            `json:"issuer_id"`
	Kinds    []inspection.Kind `json:"kinds"`
	Data     map[string]any    `json:"data"`
	Issue    bool              `json:"issue"`
	Bundle   string            `json:"bundle"`
}

// The answers of POST …/certificates besides JSON.
const (
	bundleZIP  = "zip"
	bundleDocx = "docx"
)

// createCertificates answers POST /api/inspection/rounds/:id/certificates: one Giấy công
// nhận per recognised object, each a document of its own (drafts, or issued), or with
// bundle "zip" their files in one ZIP (previews when not issued), or with bundle "docx"
// all of them in one .docx to print in one go (a preview when not issued; issued, each
// certificate carries the number it was registered with).
func (h *handler) createCertificates(c *gin.Context) {
	id, err := roundID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var body certificatesBody
	if err := decodeJSON(c, &body); err != nil {
		fail(c, h.log, err)
		return
	}
	if body.Bundle != "" && body.Bundle != bundleZIP && body.Bundle != bundleDocx {
		fail(c, h.log, apperr.InvalidFields(map[string]string{"bundle": msgBundle}))
		return
	}
	ctx := c.Request.Context()
	r, recognised, err := h.insp.Recognised(ctx, id, body.Kinds)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	subs := make([]*secretariat.Submission, len(recognised))
	for i, v := range recognised {
		subs[i], err = submission(inspection.FormCertificate, body.IssuerID, body.Data, map[string]any{
			"nguoi_nhan": v.Name,
			"thanh_tich": []any{fmt.Sprintf(certificateLine, r.Year)},
		})
		if err != nil {
			fail(c, h.log, err)
			return
		}
	}
	if body.Bundle == bundleDocx {
		h.certificatesDocx(c, r, recognised, subs, body.Issue)
		return
	}
	docs := make([]register.Document, 0, len(recognised))
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	for i, v := range recognised {
		sub := subs[i]
		var file []byte
		switch {
		case body.Bundle == bundleZIP && !body.Issue:
			file, err = h.svc.Preview(ctx, sub)
		default:
			var d register.Document
			if body.Issue {
				d, err = h.svc.CreateAndIssue(ctx, sub)
			} else {
				d, err = h.svc.CreateDraft(ctx, sub, 0)
			}
			if err == nil {
				docs = append(docs, d)
				if body.Bundle == bundleZIP {
					file, _, err = h.svc.File(ctx, d.ID)
				}
			}
		}
		if err != nil {
			fail(c, h.log, err)
			return
		}
		if body.Bundle == bundleZIP {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("%04d-%s.docx", i+1, v.ObjectID), Method: zip.Store})
			if err == nil {
				_, err = w.Write(file)
			}
			if err != nil {
				fail(c, h.log, err)
				return
			}
		}
	}
	if body.Issue {
		if err := h.linkCertificates(ctx, r.ID, recognised, docs); err != nil {
			fail(c, h.log, err)
			return
		}
	}
	if body.Bundle != bundleZIP {
		c.JSON(http.StatusCreated, docs)
		return
	}
	if err := zw.Close(); err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="giay-cong-nhan-antt-%d.zip"`, r.Year))
	c.Data(http.StatusCreated, "application/zip", zipped.Bytes())
}

// certificatesDocx answers the certificates as one multi-page .docx. Issued, every
// certificate is numbered and registered first, one after the other, and the file is
// rendered from the numbers they were given; the ids of the issued documents are in the
// X-Document-Ids header, in the order of the pages, as ranges ("41-1040", or
// "41-60,75-1054" when another document was issued in between) so that a thousand of
// them still fit in a header a proxy passes on.
func (h *handler) certificatesDocx(c *gin.Context, r *inspection.Round, recognised []inspection.Verdict, subs []*secretariat.Submission, issue bool) {
	if len(subs) == 0 {
		fail(c, h.log, apperr.InvalidFields(map[string]string{"kinds": msgNoneRecognised}))
		return
	}
	ctx := c.Request.Context()
	var file []byte
	var err error
	if issue {
		var docs []register.Document
		docs, file, err = h.svc.CreateAndIssueBatch(ctx, subs)
		if err == nil {
			err = h.linkCertificates(ctx, r.ID, recognised, docs)
		}
		if err == nil {
			c.Header("X-Document-Ids", idRanges(docs))
		}
	} else {
		file, err = h.svc.PreviewBatch(ctx, subs)
	}
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="giay-cong-nhan-antt-%d.docx"`, r.Year))
	c.Data(http.StatusCreated, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", file)
}

// linkCertificates records each issued certificate against the object it was issued to
// (docs in the order of recognised), so the object's unit finds it on its own page.
func (h *handler) linkCertificates(ctx context.Context, roundID int64, recognised []inspection.Verdict, docs []register.Document) error {
	certs := make([]inspection.Certificate, len(docs))
	for i, d := range docs {
		certs[i] = inspection.Certificate{ObjectID: recognised[i].ObjectID, DocumentID: d.ID}
	}
	return h.insp.LinkCertificates(ctx, roundID, certs)
}

// idRanges writes the ids of docs, in order, as comma-separated runs "first-last" of
// consecutive ids (a lone id alone).
func idRanges(docs []register.Document) string {
	var b []byte
	for i := 0; i < len(docs); {
		j := i
		for j+1 < len(docs) && docs[j+1].ID == docs[j].ID+1 {
			j++
		}
		if len(b) > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, docs[i].ID, 10)
		if j > i {
			b = append(b, '-')
			b = strconv.AppendInt(b, docs[j].ID, 10)
		}
		i = j + 1
	}
	return string(b)
}

// submission lays the computed fields over the user's data, through JSON so that lists and
// numbers have the types decoded request data has.
func submission(form, issuer string, data, computed map[string]any) (*secretariat.Submission, error) {
	raw, err := json.Marshal(computed)
	if err != nil {
		return nil, err
	}
	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	merged := make(map[string]any, len(data)+len(fields))
	for k, v := range data {
		merged[k] = v
	}
	for k, v := range fields {
		merged[k] = v
	}
	return &secretariat.Submission{Form: form, IssuerID: issuer, Data: merged}, nil
}

// createSubmission creates the draft, or issues it at once, and answers 201 with it.
func (h *handler) createSubmission(c *gin.Context, sub *secretariat.Submission, issue bool) {
	var d register.Document
	var err error
	if issue {
		d, err = h.svc.CreateAndIssue(c.Request.Context(), sub)
	} else {
		d, err = h.svc.CreateDraft(c.Request.Context(), sub, 0)
	}
	if err != nil {
		fail(c, h.log, err)
		return
	}
	sendDocument(c, http.StatusCreated, d)
}

// roundProgressXLSX answers GET /api/inspection/rounds/:id/progress.xlsx: the progress as a
// workbook with a native chart.
func (h *handler) roundProgressXLSX(c *gin.Context) {
	id, err := roundID(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	ctx := c.Request.Context()
	r, err := h.insp.Round(ctx, id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	p, err := h.insp.Progress(ctx, id)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var buf bytes.Buffer
	if err := workbook.WriteProgress(&buf, strings.ToUpper(r.Name), p); err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="tien-do-antt-%d.xlsx"`, r.Year))
	c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}

// deleteObject answers DELETE /api/inspection/rounds/:id/objects/:object.
func (h *handler) deleteObject(c *gin.Context) {
	id, err := roundID(c)
	if err == nil {
		if err = h.insp.DeleteObject(c.Request.Context(), id, c.Param("object")); err == nil {
			c.Status(http.StatusNoContent)
			return
		}
	}
	fail(c, h.log, err)
}
