package httpapi

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
	"vanthu/commendation"
	"vanthu/committee"
	"vanthu/records"
)

// Messages of the record routes.
const (
	msgNoSuchPerson   = "Không có người này trong hồ sơ."
	msgNoSuchBody     = "Không có tổ chức (Ban, Tổ, Hội đồng) này trong hồ sơ."
	msgNoSuchProposal = "Không có đề nghị khen thưởng này."
	msgBadYear        = "Năm phải từ 2000 đến 2100."
)

// recordRoutes registers the routes of committees, teams and commendation proposals.
func recordRoutes(api *gin.RouterGroup, h *recordHandler) {
	api.GET("/committee-rules", h.ruleSets)
	api.POST("/people", h.createPerson)
	api.GET("/people", h.listPeople)
	api.GET("/people/:id", byID(h, msgNoSuchPerson, h.svc.Person))
	api.PUT("/people/:id", h.updatePerson)
	api.GET("/people/:id/service-years", h.serviceYears)

	api.POST("/bodies", h.createBody)
	api.GET("/bodies", h.listBodies)
	api.GET("/bodies/:id", byID(h, msgNoSuchBody, h.svc.Body))
	api.GET("/bodies/:id/composition", h.composition)
	api.GET("/bodies/:id/memberships", byID(h, msgNoSuchBody, h.svc.Memberships))
	api.POST("/bodies/:id/changes", h.change)
	api.GET("/bodies/:id/decisions", byID(h, msgNoSuchBody, h.svc.Decisions))
	api.POST("/bodies/:id/decision", h.decision)

	api.GET("/awards", h.listAwards)
	api.GET("/awards/:id", h.getAward)
	api.PUT("/recognitions/:year", h.setRecognitions)
	api.GET("/recognitions/:year", h.getRecognitions)

	api.POST("/proposals", h.createProposal)
	api.GET("/proposals", h.listProposals)
	api.GET("/proposals/:id", byID(h, msgNoSuchProposal, h.svc.Proposal))
	api.POST("/proposals/:id/nominees", h.addNominees)
	api.PUT("/proposals/:id/votes", h.setVotes)
	api.GET("/proposals/:id/eligibility", byID(h, msgNoSuchProposal, h.svc.Eligibility))
	api.POST("/proposals/:id/submission", h.submission)
	api.POST("/proposals/:id/minutes", h.minutes)
	api.POST("/proposals/:id/reports", h.reports)
	api.POST("/proposals/:id/award", h.grant)
}

// byID answers a GET of one record, or of what belongs to it, found by the :id of the path;
// what names the record in the 404 of an id that is not one.
func byID[T any](h *recordHandler, what string, get func(context.Context, int64) (T, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := recordID(c, what)
		if err != nil {
			fail(c, h.log, err)
			return
		}
		v, err := get(c.Request.Context(), id)
		h.respond(c, http.StatusOK, v, err)
	}
}

// recordHandler holds what the record handlers need.
type recordHandler struct {
	svc *records.Service
	*handler
}

// recordID reads the :id path parameter of a record; what names the record in the 404.
func recordID(c *gin.Context, what string) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, what)
	}
	return id, nil
}

// idAndBody reads the path id (NotFound naming what when it is not one) and decodes the
// JSON body into body; on failure it answers the request and reports false.
func (h *recordHandler) idAndBody(c *gin.Context, what string, body any) (int64, bool) {
	id, err := recordID(c, what)
	if err == nil {
		err = decodeJSON(c, body)
	}
	if err != nil {
		fail(c, h.log, err)
		return 0, false
	}
	return id, true
}

// queryDate reads an optional date query parameter; empty means today.
func (h *recordHandler) queryDate(c *gin.Context, name string) (committee.Date, error) {
	v := c.Query(name)
	if v == "" {
		return h.svc.Today(), nil
	}
	d, err := committee.ParseDate(v)
	if err != nil {
		return "", apperr.InvalidFields(map[string]string{name: err.Error()})
	}
	return d, nil
}

// respond writes v with status, or the error.
func (h *recordHandler) respond(c *gin.Context, status int, v any, err error) {
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(status, v)
}

// output writes a generated document: 201 with the issued document, or the preview .docx.
func (h *recordHandler) output(c *gin.Context, name string, out records.Output, err error) {
	switch {
	case err != nil:
		fail(c, h.log, err)
	case out.Document != nil:
		c.Header("Location", "/api/documents/"+strconv.FormatInt(out.Document.ID, 10))
		sendDocument(c, http.StatusCreated, *out.Document)
	default:
		sendDocx(c, name, out.Docx)
	}
}

func (h *recordHandler) ruleSets(c *gin.Context) {
	sets, err := h.svc.RuleSets(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, sets)
}

func (h *recordHandler) createPerson(c *gin.Context) {
	var p committee.Person
	if err := decodeJSON(c, &p); err != nil {
		fail(c, h.log, err)
		return
	}
	p.ID = 0
	err := h.svc.CreatePerson(c.Request.Context(), &p)
	if err == nil {
		c.Header("Location", "/api/people/"+strconv.FormatInt(p.ID, 10))
	}
	h.respond(c, http.StatusCreated, p, err)
}

func (h *recordHandler) listPeople(c *gin.Context) {
	people, err := h.svc.People(c.Request.Context(), c.Query("unit"))
	h.respond(c, http.StatusOK, people, err)
}

func (h *recordHandler) updatePerson(c *gin.Context) {
	var p committee.Person
	id, ok := h.idAndBody(c, msgNoSuchPerson, &p)
	if !ok {
		return
	}
	p.ID = id
	err := h.svc.UpdatePerson(c.Request.Context(), &p)
	h.respond(c, http.StatusOK, p, err)
}

func (h *recordHandler) serviceYears(c *gin.Context) {
	id, err := recordID(c, msgNoSuchPerson)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	d, err := h.queryDate(c, "date")
	if err != nil {
		fail(c, h.log, err)
		return
	}
	years, err := h.svc.ServiceYears(c.Request.Context(), id, d)
	h.respond(c, http.StatusOK, gin.H{"person_id": id, "date": d, "body_kind": committee.SecurityTeam, "years": years}, err)
}

func (h *recordHandler) createBody(c *gin.Context) {
	var b committee.Body
	if err := decodeJSON(c, &b); err != nil {
		fail(c, h.log, err)
		return
	}
	b.ID = 0
	v, err := h.svc.CreateBody(c.Request.Context(), &b)
	if err == nil {
		c.Header("Location", "/api/bodies/"+strconv.FormatInt(v.ID, 10))
	}
	h.respond(c, http.StatusCreated, v, err)
}

func (h *recordHandler) listBodies(c *gin.Context) {
	bodies, err := h.svc.Bodies(c.Request.Context(), c.Query("unit"), c.Query("kind"))
	h.respond(c, http.StatusOK, bodies, err)
}

func (h *recordHandler) composition(c *gin.Context) {
	id, err := recordID(c, msgNoSuchBody)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	d, err := h.queryDate(c, "date")
	if err != nil {
		fail(c, h.log, err)
		return
	}
	members, err := h.svc.Composition(c.Request.Context(), id, d)
	if members == nil {
		members = []committee.Member{}
	}
	h.respond(c, http.StatusOK, gin.H{"body_id": id, "date": d, "members": members}, err)
}

func (h *recordHandler) change(c *gin.Context) {
	var ch committee.Change
	id, ok := h.idAndBody(c, msgNoSuchBody, &ch)
	if !ok {
		return
	}
	members, err := h.svc.Change(c.Request.Context(), id, ch)
	h.respond(c, http.StatusOK, gin.H{"body_id": id, "date": ch.Date, "members": members}, err)
}

func (h *recordHandler) decision(c *gin.Context) {
	var req records.DecisionRequest
	id, ok := h.idAndBody(c, msgNoSuchBody, &req)
	if !ok {
		return
	}
	out, err := h.svc.Decision(c.Request.Context(), id, req)
	h.output(c, "du-thao-quyet-dinh.docx", out, err)
}

func (h *recordHandler) listAwards(c *gin.Context) {
	awards, err := h.svc.Awards(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, awards)
}

func (h *recordHandler) getAward(c *gin.Context) {
	a, err := h.svc.Award(c.Request.Context(), c.Param("id"))
	h.respond(c, http.StatusOK, a, err)
}

// recognitionsBody is the body of PUT /api/recognitions/:year.
type recognitionsBody struct {
	Units []string `json:"units"`
}

func (h *recordHandler) year(c *gin.Context) (int, error) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil || y < 2000 || y > 2100 {
		return 0, apperr.InvalidFields(map[string]string{"year": msgBadYear})
	}
	return y, nil
}

func (h *recordHandler) setRecognitions(c *gin.Context) {
	y, err := h.year(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var body recognitionsBody
	if err := decodeJSON(c, &body); err != nil {
		fail(c, h.log, err)
		return
	}
	err = h.svc.SetRecognitions(c.Request.Context(), y, body.Units)
	h.respond(c, http.StatusOK, gin.H{"year": y, "units": len(body.Units)}, err)
}

func (h *recordHandler) getRecognitions(c *gin.Context) {
	y, err := h.year(c)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	units, err := h.svc.Recognitions(c.Request.Context(), y)
	h.respond(c, http.StatusOK, gin.H{"year": y, "units": units}, err)
}

func (h *recordHandler) createProposal(c *gin.Context) {
	var p commendation.Proposal
	if err := decodeJSON(c, &p); err != nil {
		fail(c, h.log, err)
		return
	}
	p.ID, p.MeetingDate, p.SubmissionID, p.MinutesID = 0, "", 0, 0
	v, err := h.svc.CreateProposal(c.Request.Context(), &p)
	if err == nil {
		c.Header("Location", "/api/proposals/"+strconv.FormatInt(v.ID, 10))
	}
	h.respond(c, http.StatusCreated, v, err)
}

func (h *recordHandler) listProposals(c *gin.Context) {
	y, err := queryInt(c, "year", labelYear, maxYear)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	ps, err := h.svc.Proposals(c.Request.Context(), y, c.Query("proposer"))
	h.respond(c, http.StatusOK, ps, err)
}

// nomineesBody is the body of POST /api/proposals/:id/nominees.
type nomineesBody struct {
	Nominees []commendation.Nominee `json:"nominees"`
}

func (h *recordHandler) addNominees(c *gin.Context) {
	var body nomineesBody
	id, ok := h.idAndBody(c, msgNoSuchProposal, &body)
	if !ok {
		return
	}
	for i := range body.Nominees {
		body.Nominees[i].ID, body.Nominees[i].Vote = 0, nil
	}
	ns, err := h.svc.AddNominees(c.Request.Context(), id, body.Nominees)
	h.respond(c, http.StatusCreated, ns, err)
}

func (h *recordHandler) setVotes(c *gin.Context) {
	var req records.VoteRequest
	id, ok := h.idAndBody(c, msgNoSuchProposal, &req)
	if !ok {
		return
	}
	res, err := h.svc.SetVotes(c.Request.Context(), id, req)
	h.respond(c, http.StatusOK, res, err)
}

func (h *recordHandler) submission(c *gin.Context) {
	var req records.SubmissionRequest
	id, ok := h.idAndBody(c, msgNoSuchProposal, &req)
	if !ok {
		return
	}
	out, err := h.svc.Submission(c.Request.Context(), id, req)
	h.output(c, "du-thao-to-trinh-khen-thuong.docx", out, err)
}

func (h *recordHandler) minutes(c *gin.Context) {
	var req records.MinutesRequest
	id, ok := h.idAndBody(c, msgNoSuchProposal, &req)
	if !ok {
		return
	}
	out, err := h.svc.Minutes(c.Request.Context(), id, req)
	h.output(c, "du-thao-bien-ban-hoi-dong.docx", out, err)
}

// reports answers the achievement reports of a proposal as previews: one nominee's as its
// .docx, several as a .zip holding one .docx per nominee, numbered in the proposal's order.
func (h *recordHandler) reports(c *gin.Context) {
	var req records.ReportRequest
	id, ok := h.idAndBody(c, msgNoSuchProposal, &req)
	if !ok {
		return
	}
	reps, err := h.svc.Reports(c.Request.Context(), id, req)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	if len(reps) == 1 {
		sendDocx(c, "bao-cao-thanh-tich-"+reps[0].Name+".docx", reps[0].Docx)
		return
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, r := range reps {
		// A preview keeps its main part stored, not deflated (generator.RenderPreview): the
		// archive deflates it once for all.
		w, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("%02d %s.docx", i+1, r.Name), Method: zip.Deflate})
		if err == nil {
			_, err = w.Write(r.Docx)
		}
		if err != nil {
			fail(c, h.log, err)
			return
		}
	}
	if err := zw.Close(); err != nil {
		fail(c, h.log, err)
		return
	}
	name := fmt.Sprintf("bao-cao-thanh-tich-de-nghi-%d.zip", id)
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, "application/zip", buf.Bytes())
}

func (h *recordHandler) grant(c *gin.Context) {
	var req records.AwardRequest
	id, ok := h.idAndBody(c, msgNoSuchProposal, &req)
	if !ok {
		return
	}
	out, err := h.svc.Grant(c.Request.Context(), id, req)
	switch {
	case err != nil:
		fail(c, h.log, err)
	case out.Decision == nil:
		sendDocx(c, "du-thao-quyet-dinh-khen-thuong.docx", out.Docx)
	default:
		c.Header("Location", "/api/documents/"+strconv.FormatInt(out.Decision.ID, 10))
		c.JSON(http.StatusCreated, out)
	}
}
