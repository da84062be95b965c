package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/commendation"
	"vanthu/committee"
	"vanthu/directory"
	"vanthu/httpapi"
	"vanthu/records"
)

const msgNoSuchProposal = "Không có đề nghị khen thưởng này."

// proposalRow is a proposal in the year's list.
type proposalRow struct {
	commendation.Proposal
	AwardName    string
	ProposerName string
}

// proposalsView is the page of a year's proposals, with the form of a new one.
type proposalsView struct {
	Year       int
	Proposals  []proposalRow
	Awards     []*commendation.Award
	Proposers  []directory.Unit
	Councils   []committee.Body
	CanPropose bool
	Errs       fieldErrors
	Posted     url.Values
}

// V is what the user typed in a field of the form that was refused.
func (v *proposalsView) V(name string) string { return v.Posted.Get(name) }

// yearOf reads a year typed on a page, as the service bounds it.
func yearOf(s string) (int, bool) {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	return y, err == nil && y >= 2000 && y <= 2100
}

const msgPageYear = "Năm phải là số từ 2000 đến 2100."

func (p *Pages) proposalsView(c *gin.Context, year int) (*proposalsView, error) {
	ctx := c.Request.Context()
	a := access.FromContext(ctx)
	pv := &proposalsView{Year: year, Errs: fieldErrors{}, Posted: url.Values{}}
	ps, err := p.rec.Proposals(ctx, year, "")
	if err != nil {
		return nil, err
	}
	tree := p.svc.Tree()
	awards, err := p.rec.Awards(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, aw := range awards {
		names[aw.ID] = aw.Name
	}
	for _, pr := range ps {
		u, _ := tree.Unit(pr.ProposerID)
		pv.Proposals = append(pv.Proposals, proposalRow{Proposal: pr, AwardName: names[pr.AwardID], ProposerName: u.Name})
	}
	pv.Proposers = p.recordUnits(a, access.CommendationPropose)
	pv.CanPropose = len(pv.Proposers) > 0
	if pv.CanPropose {
		pv.Awards = awards
		if access.Holds(a, access.CommitteeRead) {
			if pv.Councils, err = p.rec.Bodies(ctx, "", committee.EmulationCouncil); err != nil {
				return nil, err
			}
		}
	}
	return pv, nil
}

// proposalsPage answers GET /khen-thuong?nam=: the year's proposals (this year by default).
func (p *Pages) proposalsPage(c *gin.Context) {
	year := p.rec.Today().Year()
	yearErr := ""
	if s := c.Query("nam"); s != "" {
		y, ok := yearOf(s)
		if ok {
			year = y
		} else {
			yearErr = msgPageYear
		}
	}
	pv, err := p.proposalsView(c, year)
	if err != nil {
		p.fail(c, err)
		return
	}
	status := http.StatusOK
	if yearErr != "" {
		pv.Errs["nam:nam"] = yearErr
		pv.Posted.Set("nam", c.Query("nam"))
		status = http.StatusUnprocessableEntity
	}
	p.render(c, status, "proposals", view{Title: fmt.Sprintf("Khen thưởng năm %d", pv.Year), Data: pv})
}

var proposalFields = []string{"award_id", "year", "proposer_id", "council_id", "movement", "summary"}

// proposalCreate answers POST /khen-thuong.
func (p *Pages) proposalCreate(c *gin.Context) {
	year, _ := strconv.Atoi(strings.TrimSpace(c.PostForm("year")))
	council, _ := strconv.ParseInt(c.PostForm("council_id"), 10, 64)
	pr := commendation.Proposal{AwardID: c.PostForm("award_id"), Year: year, ProposerID: c.PostForm("proposer_id"),
		CouncilID: council, Movement: c.PostForm("movement"), Summary: c.PostForm("summary")}
	v, err := p.rec.CreateProposal(c.Request.Context(), &pr)
	if err == nil {
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/khen-thuong/%d?da-tao=1", v.ID))
		return
	}
	if !userMistake(err) {
		p.fail(c, err)
		return
	}
	listYear, ok := yearOf(c.PostForm("year"))
	if !ok {
		listYear = p.rec.Today().Year()
	}
	pv, err2 := p.proposalsView(c, listYear)
	if err2 != nil {
		p.fail(c, err2)
		return
	}
	pv.Errs.place("de-nghi", err, proposalFields, nil)
	pv.Posted = c.Request.PostForm
	p.render(c, httpapi.Status(err), "proposals", view{Title: fmt.Sprintf("Khen thưởng năm %d", pv.Year),
		Error: "Chưa tạo đề nghị: xem thông báo ở các ô được đánh dấu.", Data: pv})
}

// nomineeRow is a nominee with its eligibility.
type nomineeRow struct {
	commendation.Nominee
	KindName string
	Checked  bool // the eligibility was read
	Eligible bool
	Refusals []refusalRow
}

// refusalRow is one condition a nominee does not meet, named for the page.
type refusalRow struct {
	commendation.Refusal
	Label string
}

// conditionNames are the short names of the award conditions, as the page heads the
// service's message with them.
var conditionNames = map[string]string{
	commendation.CondAreaRecognised: "Khu dân cư “An toàn về an ninh, trật tự”",
	commendation.CondServiceYears:   "Số năm tham gia",
	"vote":                          "Biểu quyết của Hội đồng",
}

// proposalView is the page of one proposal.
type proposalView struct {
	P        records.ProposalView
	Proposer directory.Unit
	Council  *committee.Body
	Rows     []nomineeRow
	Eligible int
	// People and Units are the nominees the add form offers.
	People                        []committee.Person
	Units                         []directory.Unit
	Kinds                         []struct{ ID, Label string }
	Today                         committee.Date
	CanPropose, CanVote, CanGrant bool
	Errs                          fieldErrors
	Posted                        url.Values
}

// V is what the user typed in a field of the form that was refused.
func (v *proposalView) V(name string) string { return v.Posted.Get(name) }

// nomineeKinds names the kinds of nominee.
var nomineeKinds = map[commendation.NomineeKind]string{
	commendation.Person:     "Cá nhân",
	commendation.Area:       "Khu dân cư (thôn, tổ dân phố)",
	commendation.Collective: "Tập thể",
}

func (p *Pages) proposalView(c *gin.Context, id int64) (*proposalView, error) {
	ctx := c.Request.Context()
	a := access.FromContext(ctx)
	tree := p.svc.Tree()
	v, err := p.rec.Proposal(ctx, id)
	if err != nil {
		return nil, err
	}
	results, err := p.rec.Eligibility(ctx, id)
	if err != nil {
		return nil, err
	}
	pv := &proposalView{P: v, Today: p.rec.Today(), Errs: fieldErrors{}, Posted: url.Values{}}
	pv.Proposer, _ = tree.Unit(v.ProposerID)
	byID := map[int64]*commendation.Result{}
	for i := range results {
		byID[results[i].NomineeID] = &results[i]
		if results[i].Eligible {
			pv.Eligible++
		}
	}
	for _, n := range v.Nominees {
		row := nomineeRow{Nominee: n, KindName: nomineeKinds[n.Kind]}
		if r := byID[n.ID]; r != nil {
			row.Checked, row.Eligible = true, r.Eligible
			for _, ref := range r.Refusals {
				label := conditionNames[ref.Condition]
				if label == "" {
					label = ref.Condition
				}
				row.Refusals = append(row.Refusals, refusalRow{Refusal: ref, Label: label})
			}
		}
		pv.Rows = append(pv.Rows, row)
	}
	pv.CanPropose = access.Can(a, access.CommendationPropose, v.ProposerID, tree)
	pv.CanGrant = access.Can(a, access.CommendationGrant, v.Authority.Unit.ID, tree)
	if v.CouncilID != 0 {
		if b, err := p.rec.Body(ctx, v.CouncilID); err == nil {
			pv.Council = &b.Body
			pv.CanVote = access.Can(a, access.CommendationVote, b.UnitID, tree)
		}
	}
	if pv.CanPropose {
		for _, k := range v.Award.Nominees {
			pv.Kinds = append(pv.Kinds, struct{ ID, Label string }{string(k), nomineeKinds[k]})
		}
		if access.Holds(a, access.CommitteeRead) {
			if pv.People, err = p.localPeople(c, v.ProposerID); err != nil {
				return nil, err
			}
		}
		if loc, ok := tree.Locality(v.ProposerID); ok {
			pv.Units = tree.Children(loc.ID)
		}
	}
	return pv, nil
}

// proposalPage answers GET /khen-thuong/:id.
func (p *Pages) proposalPage(c *gin.Context) {
	id, ok := p.pathID(c, msgNoSuchProposal)
	if !ok {
		return
	}
	pv, err := p.proposalView(c, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	v := view{Title: pv.P.Award.Name + " — năm " + strconv.Itoa(pv.P.Year), Data: pv}
	switch {
	case c.Query("da-tao") != "":
		v.Message = "Đã tạo đề nghị. Thêm người, tập thể được đề nghị."
	case c.Query("da-them") != "":
		v.Message = "Đã thêm vào đề nghị."
	case c.Query("da-bieu-quyet") != "":
		v.Message = "Đã ghi kết quả biểu quyết của Hội đồng."
	}
	p.render(c, http.StatusOK, "proposal", v)
}

// proposalRefused shows the proposal again after a refused form, keeping what was typed.
func (p *Pages) proposalRefused(c *gin.Context, id int64, form string, err error, known []string, rename func(string) string) {
	if !userMistake(err) {
		p.fail(c, err)
		return
	}
	pv, err2 := p.proposalView(c, id)
	if err2 != nil {
		p.fail(c, err2)
		return
	}
	pv.Errs.place(form, err, known, rename)
	pv.Posted = c.Request.PostForm
	p.render(c, httpapi.Status(err), "proposal", view{Title: pv.P.Award.Name + " — năm " + strconv.Itoa(pv.P.Year),
		Error: "Chưa thực hiện: xem thông báo ở các ô được đánh dấu.", Data: pv})
}

// nomineesAdd answers POST /khen-thuong/:id/de-cu: one person or collective at a time.
func (p *Pages) nomineesAdd(c *gin.Context) {
	id, ok := p.pathID(c, msgNoSuchProposal)
	if !ok {
		return
	}
	n := commendation.Nominee{Kind: commendation.NomineeKind(c.PostForm("kind")), UnitID: c.PostForm("unit_id"),
		Position: c.PostForm("position"), Achievement: c.PostForm("achievement")}
	if n.Kind == commendation.Person {
		n.PersonID, _ = strconv.ParseInt(c.PostForm("person_id"), 10, 64)
		n.UnitID = ""
	}
	_, err := p.rec.AddNominees(c.Request.Context(), id, []commendation.Nominee{n})
	if err == nil {
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/khen-thuong/%d?da-them=1", id))
		return
	}
	p.proposalRefused(c, id, "de-cu", err, []string{"kind", "person_id", "unit_id", "position", "achievement"}, func(f string) string {
		return strings.TrimPrefix(strings.TrimPrefix(f, "nominees[0]"), ".")
	})
}

// votesSave answers POST /khen-thuong/:id/bieu-quyet: the meeting's date and, per
// nominee, the members in favour; the service takes the share of the council's members.
func (p *Pages) votesSave(c *gin.Context) {
	id, ok := p.pathID(c, msgNoSuchProposal)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	v, err := p.rec.Proposal(ctx, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	req := records.VoteRequest{MeetingDate: committee.Date(strings.TrimSpace(c.PostForm("meeting_date")))}
	var fieldOf []string
	bad := map[string]string{}
	for _, n := range v.Nominees {
		name := fmt.Sprintf("v.%d", n.ID)
		s := strings.TrimSpace(c.PostForm(name))
		if s == "" {
			continue
		}
		k, err := strconv.Atoi(s)
		if err != nil {
			bad[name] = "Nhập số thành viên đồng ý (số nguyên)."
			continue
		}
		req.Votes = append(req.Votes, records.NomineeVote{NomineeID: n.ID, InFavour: k})
		fieldOf = append(fieldOf, name)
	}
	if len(bad) > 0 {
		err = apperr.InvalidFields(bad)
	} else {
		_, err = p.rec.SetVotes(ctx, id, req)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/khen-thuong/%d?da-bieu-quyet=1#dieu-kien", id))
		return
	}
	known := []string{"meeting_date"}
	for _, n := range v.Nominees {
		known = append(known, fmt.Sprintf("v.%d", n.ID))
	}
	p.proposalRefused(c, id, "bieu-quyet", err, known, func(f string) string {
		var i int
		var rest string
		if n, _ := fmt.Sscanf(f, "votes[%d].%s", &i, &rest); n == 2 && i < len(fieldOf) {
			return fieldOf[i]
		}
		return f
	})
}

// issued sends the user to the document just issued.
func issued(c *gin.Context, id int64) {
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/van-ban/%d", id))
}

// submissionIssue answers POST /khen-thuong/:id/to-trinh: the tờ trình of the eligible
// nominees, issued.
func (p *Pages) submissionIssue(c *gin.Context) {
	id, ok := p.pathID(c, msgNoSuchProposal)
	if !ok {
		return
	}
	req := records.SubmissionRequest{Date: committee.Date(strings.TrimSpace(c.PostForm("date"))), Signer: signerOf(c),
		Contact: strings.TrimSpace(c.PostForm("contact")), Phone: strings.TrimSpace(c.PostForm("phone")), Issue: true}
	out, err := p.rec.Submission(c.Request.Context(), id, req)
	if err == nil && out.Document != nil {
		issued(c, out.Document.ID)
		return
	}
	p.proposalRefused(c, id, "to-trinh", err, []string{"date", "signer.name"}, nil)
}

// minutesIssue answers POST /khen-thuong/:id/bien-ban: the council's minutes, issued.
func (p *Pages) minutesIssue(c *gin.Context) {
	id, ok := p.pathID(c, msgNoSuchProposal)
	if !ok {
		return
	}
	req := records.MinutesRequest{Start: strings.TrimSpace(c.PostForm("start")), End: strings.TrimSpace(c.PostForm("end")),
		Place: strings.TrimSpace(c.PostForm("place")), Secretary: strings.TrimSpace(c.PostForm("secretary")), Issue: true}
	out, err := p.rec.Minutes(c.Request.Context(), id, req)
	if err == nil && out.Document != nil {
		issued(c, out.Document.ID)
		return
	}
	p.proposalRefused(c, id, "bien-ban", err, []string{"start", "end", "place", "secretary"}, nil)
}

// reportsDownload answers POST /khen-thuong/:id/bao-cao: the achievement reports, never
// numbered, as one .docx or a .zip of one per eligible nominee (as the API answers).
func (p *Pages) reportsDownload(c *gin.Context) {
	id, ok := p.pathID(c, msgNoSuchProposal)
	if !ok {
		return
	}
	req := records.ReportRequest{Date: committee.Date(strings.TrimSpace(c.PostForm("date"))), Confirmer: strings.TrimSpace(c.PostForm("confirmer"))}
	reps, err := p.rec.Reports(c.Request.Context(), id, req)
	if err != nil {
		p.proposalRefused(c, id, "bao-cao", err, []string{"date", "confirmer"}, nil)
		return
	}
	if len(reps) == 1 {
		c.Header("Content-Disposition", `attachment; filename="bao-cao-thanh-tich.docx"`)
		c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", reps[0].Docx)
		return
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, r := range reps {
		w, err := zw.Create(fmt.Sprintf("%02d %s.docx", i+1, r.Name))
		if err == nil {
			_, err = w.Write(r.Docx)
		}
		if err != nil {
			p.fail(c, err)
			return
		}
	}
	if err := zw.Close(); err != nil {
		p.fail(c, err)
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="bao-cao-thanh-tich-de-nghi-%d.zip"`, id))
	c.Data(http.StatusOK, "application/zip", buf.Bytes())
}

// grantIssue answers POST /khen-thuong/:id/quyet-dinh: the authority's award decision and
// its certificates, issued; the user lands on the decision.
func (p *Pages) grantIssue(c *gin.Context) {
	id, ok := p.pathID(c, msgNoSuchProposal)
	if !ok {
		return
	}
	req := records.AwardRequest{Date: committee.Date(strings.TrimSpace(c.PostForm("date"))), Signer: signerOf(c), Issue: true}
	out, err := p.rec.Grant(c.Request.Context(), id, req)
	if err == nil && out.Decision != nil {
		issued(c, out.Decision.ID)
		return
	}
	p.proposalRefused(c, id, "quyet-dinh", err, []string{"date", "signer.name"}, nil)
}
