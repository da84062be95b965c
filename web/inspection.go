package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/httpapi"
	"vanthu/inspection"
)

// roundsPage answers GET /kiem-tra: the rounds the actor may see.
func (p *Pages) roundsPage(c *gin.Context) {
	rounds, err := p.insp.Rounds(c.Request.Context(), inspection.RoundFilter{})
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "rounds", view{Title: "Đợt kiểm tra", Data: rounds})
}

// objectRow is one object of a round with its state.
type objectRow struct {
	inspection.Object
	Verdict *inspection.Verdict
}

// roundView is the page of one round.
type roundView struct {
	Round   *inspection.Round
	Objects []objectRow
	// Dashboard shows the link to the round's dashboard to those who may read it.
	Dashboard bool
	// Register shows each object's registration link to those who may register.
	Register bool
}

func (p *Pages) roundID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("round"), 10, 64)
	if err != nil || id <= 0 {
		p.fail(c, apperr.New(apperr.NotFound, "Không có đợt kiểm tra này."))
		return 0, false
	}
	return id, true
}

// roundPage answers GET /kiem-tra/:round: its objects with their state. The verdicts are
// shown when the actor may read results; otherwise the objects alone.
func (p *Pages) roundPage(c *gin.Context) {
	id, ok := p.roundID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	round, err := p.insp.Round(ctx, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	rv := roundView{Round: round, Dashboard: access.Holds(access.FromContext(ctx), access.DashboardRead), Register: mayRegister(access.FromContext(ctx))}
	if _, objects, scores, err := p.insp.Result(ctx, id); err == nil {
		for _, o := range objects {
			rv.Objects = append(rv.Objects, objectRow{Object: o, Verdict: scores.Of(o.ID)})
		}
	} else {
		objects, err := p.insp.Objects(ctx, id)
		if err != nil {
			p.fail(c, err)
			return
		}
		for _, o := range objects {
			rv.Objects = append(rv.Objects, objectRow{Object: o})
		}
	}
	p.render(c, http.StatusOK, "round", view{Title: round.Name, Data: &rv})
}

// critRow is one row of a checklist: a heading for a criterion with sub-criteria, a
// question for a leaf.
type critRow struct {
	*inspection.Criterion
	Depth     int
	Leaf      bool
	Automatic bool // computed by the service, no answer asked
	Answer    inspection.Answer
}

// checklistView is the checklist page of one object.
type checklistView struct {
	Form     *inspection.Form
	Rows     []critRow
	Answered int
	Asked    int
	Verdict  *inspection.Verdict
	// Summary is shown after sending to someone who may not read the round's results (an
	// inspector): the criteria they answered "không đạt", with their notes, and how many
	// are not answered. It reads only the checklist they filled.
	Summary *summary
	Saved   bool
}

// summary is the inspector's own reading of a sent checklist.
type summary struct {
	Failed     []critRow
	Unanswered int
}

func rowsOf(list []*inspection.Criterion, depth int, answers map[string]inspection.Answer, out *[]critRow) {
	for _, cr := range list {
		r := critRow{Criterion: cr, Depth: depth, Leaf: len(cr.Criteria) == 0, Answer: answers[cr.ID]}
		r.Automatic = cr.Computed != nil && !cr.Computed.Judged
		*out = append(*out, r)
		rowsOf(cr.Criteria, depth+1, answers, out)
	}
}

func (cv *checklistView) fill(answers map[string]inspection.Answer) {
	cv.Rows = nil
	rowsOf(cv.Form.Checklist.Criteria, 0, answers, &cv.Rows)
	cv.Answered, cv.Asked = 0, 0
	for _, r := range cv.Rows {
		if r.Leaf && !r.Automatic {
			cv.Asked++
			if r.Answer.Result != "" {
				cv.Answered++
			}
		}
	}
}

// checklistPage answers GET /kiem-tra/:round/:object: the checklist with the answers
// saved so far, and the verdict once sent.
func (p *Pages) checklistPage(c *gin.Context) {
	id, ok := p.roundID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	form, err := p.insp.Assessment(ctx, id, c.Param("object"))
	if err != nil {
		p.fail(c, err)
		return
	}
	cv := &checklistView{Form: form, Saved: form.Assessment.Version > 0}
	cv.fill(form.Assessment.Answers)
	v := view{Title: "Phiếu kiểm tra — " + form.Object.Name, Data: cv}
	switch {
	case c.Query("da-gui") != "":
		v.Message = "Đã gửi kết quả kiểm tra."
		if verdict, err := p.insp.ObjectResult(ctx, id, form.Object.ID); err == nil {
			cv.Verdict = verdict
		} else {
			sum := &summary{}
			for _, r := range cv.Rows {
				switch {
				case !r.Leaf || r.Automatic:
				case r.Answer.Result == inspection.Fail:
					sum.Failed = append(sum.Failed, r)
				case r.Answer.Result == "":
					sum.Unanswered++
				}
			}
			cv.Summary = sum
		}
	case c.Query("da-luu") != "":
		v.Message = fmt.Sprintf("Đã lưu (lần %d).", form.Assessment.Version)
	}
	p.render(c, http.StatusOK, "checklist", v)
}

// checklistPost answers POST /kiem-tra/:round/:object: save the answers (action=save) or
// save and send them (action=submit). A save over a newer version is refused with 409 and
// the answers typed are shown again, not lost.
func (p *Pages) checklistPost(c *gin.Context) {
	id, ok := p.roundID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	objectID := c.Param("object")
	form, err := p.insp.Assessment(ctx, id, objectID)
	if err != nil {
		p.fail(c, err)
		return
	}
	version, _ := strconv.Atoi(c.PostForm("version"))
	a := &inspection.Assessment{RoundID: id, ObjectID: objectID, Answers: map[string]inspection.Answer{},
		Facts: form.Assessment.Facts, Version: version}
	if act := access.FromContext(ctx); act != nil {
		a.UpdatedBy = act.Login
	}
	for _, cr := range form.Checklist.Leaves() {
		res := inspection.Result(c.PostForm("a." + cr.ID))
		note := strings.TrimSpace(c.PostForm("n." + cr.ID))
		if res != "" || note != "" {
			a.Answers[cr.ID] = inspection.Answer{Result: res, Note: note}
		}
	}
	if _, err := p.insp.SaveAssessment(ctx, a); err != nil {
		status := httpapi.Status(err)
		if status >= 500 || status == http.StatusForbidden || status == http.StatusNotFound {
			p.fail(c, err)
			return
		}
		cv := &checklistView{Form: form, Saved: false}
		cv.fill(a.Answers)
		msg := apperr.As(err).Message
		if apperr.CodeOf(err) == apperr.Conflict {
			msg = "Phiếu này vừa được người khác lưu. Câu trả lời của bạn CHƯA được lưu: tải lại trang để xem bản mới nhất rồi nhập lại."
		} else if fields := apperr.As(err).Fields; len(fields) > 0 {
			var parts []string
			for _, m := range fields {
				parts = append(parts, m)
			}
			msg = strings.Join(parts, " ")
		}
		form.Assessment.Version = version
		p.render(c, status, "checklist", view{Title: "Phiếu kiểm tra — " + form.Object.Name, Error: msg, Data: cv})
		return
	}
	next := "da-luu=1"
	if c.PostForm("action") == "submit" {
		next = "da-gui=1"
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/kiem-tra/%d/%s?%s", id, objectID, next))
}
