package records

import (
	"context"
	"fmt"
	"strings"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/commendation"
	"vanthu/committee"
	"vanthu/directory"
	"vanthu/secretariat"
	"vanthu/typeset"
)

// The forms the dossier is built with.
const (
	formSubmission = "to-trinh-de-nghi-khen-thuong"
	formMinutes    = "bien-ban-hop-hoi-dong-thi-dua-khen-thuong"
)

// SubmissionRequest asks for the tờ trình of a proposal.
type SubmissionRequest struct {
	Date   committee.Date `json:"date,omitempty"`
	Signer Signer         `json:"signer"`
	// Bases replaces the default căn cứ (the award's legal basis).
	Bases []string `json:"bases,omitempty"`
	// Contact and Phone are printed as the person to contact.
	Contact string `json:"contact,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Issue   bool   `json:"issue,omitempty"`
}

// Submission builds the tờ trình proposing the award for the proposal's eligible
// nominees, with their list as annex, addressed to the head of the authority that grants
// the award (found from the award and the directory, never typed). A proposal with no
// eligible nominee is refused with each nominee's reasons.
func (s *Service) Submission(ctx context.Context, proposalID int64, req SubmissionRequest) (Output, error) {
	v, err := s.proposal(ctx, proposalID)
	if err != nil {
		return Output{}, err
	}
	if err := s.require(ctx, access.CommendationPropose, v.ProposerID); err != nil {
		return Output{}, err
	}
	if err := req.Signer.check(); err != nil {
		return Output{}, err
	}
	results, err := s.eligibility(ctx, proposalID)
	if err != nil {
		return Output{}, err
	}
	var eligible []commendation.Nominee
	f := map[string]string{}
	for i, r := range results {
		if r.Eligible {
			eligible = append(eligible, v.Nominees[i])
		} else {
			msgs := make([]string, len(r.Refusals))
			for j, ref := range r.Refusals {
				msgs[j] = ref.Message
			}
			f[fmt.Sprintf("nominees[%d]", i)] = strings.Join(msgs, "; ")
		}
	}
	if len(eligible) == 0 {
		f["nominees"] = msgNoEligible
		return Output{}, apperr.InvalidFields(f)
	}
	tree := s.sec.Tree()
	issuer, ok := tree.Unit(v.ProposerID)
	if !ok {
		return Output{}, invalid("proposer_id", msgNoSuchUnit, v.ProposerID)
	}
	def, err := s.sec.Form(ctx, formSubmission)
	if err != nil {
		return Output{}, err
	}
	archive := directory.DefaultArchive
	if def.Routing != "" {
		if r, ok := s.sec.Rules()[def.Routing]; ok && r.Archive != "" {
			archive = r.Archive
		}
	}
	rcpt, err := tree.Route(directory.Rule{ID: "khen-thuong-" + v.AwardID, Name: v.Award.Name, Archive: archive,
		To: []directory.Entry{{Unit: v.Authority.Unit.ID, Address: directory.AddressHead}}},
		issuer.ID, directory.RouteOptions{DraftingUnit: def.DraftingUnit})
	if err != nil {
		return Output{}, err
	}

	persons, collectives := 0, 0
	rows := make([][]string, len(eligible))
	for i, n := range eligible {
		if n.Kind == commendation.Person {
			persons++
		} else {
			collectives++
		}
		note := ""
		if n.Vote != nil {
			note = fmt.Sprintf("%d/%d phiếu (%d %%)", n.Vote.InFavour, n.Vote.Members, n.Vote.Percent())
		}
		rows[i] = []string{"", n.Name, n.Position, v.Award.Option, n.Achievement, note}
	}
	bases := req.Bases
	if len(bases) == 0 {
		for _, lb := range v.Award.LegalBasis {
			bases = append(bases, "Căn cứ "+lb+";")
		}
	}
	data := map[string]any{
		"trich_yeu":  fmt.Sprintf("Đề nghị tặng %s cho %s có thành tích trong %s", v.Award.Short, whom(persons, collectives), v.Movement),
		"hinh_thuc":  v.Award.Option,
		"phong_trao": v.Movement,
		"can_cu":     bases,
		"tom_tat":    v.Summary,
		"so_tap_the": collectives,
		"so_ca_nhan": persons,
		"de_nghi":    fmt.Sprintf("%s kính trình %s xem xét, quyết định./.", issuer.Name, v.Authority.Line),
		"danh_sach":  rows,
	}
	if req.Date != "" {
		d, err := committee.ParseDate(string(req.Date))
		if err != nil {
			return Output{}, invalid("date", "%s", err.Error())
		}
		data["ngay_ban_hanh"] = string(d)
	}
	if req.Contact != "" {
		data["nguoi_lien_he"] = req.Contact
		data["dien_thoai"] = req.Phone
	}
	req.Signer.fill(data, issuer)
	sub := &secretariat.Submission{Form: formSubmission, IssuerID: issuer.ID, Data: data, Recipients: &rcpt}
	return s.produce(ctx, sub, req.Issue, proposalID, "submission")
}

// produce previews or issues a submission; an issued document is recorded on the proposal.
func (s *Service) produce(ctx context.Context, sub *secretariat.Submission, issue bool, proposalID int64, which string) (Output, error) {
	if !issue {
		docx, err := s.sec.Preview(ctx, sub)
		return Output{Docx: docx}, err
	}
	doc, err := s.sec.CreateAndIssue(ctx, sub)
	if err != nil {
		return Output{}, err
	}
	if err := s.db.SetProposalDocument(s.audited(ctx, ActProposalDoc), proposalID, which, doc.ID); err != nil {
		return Output{}, err
	}
	return Output{Document: &doc}, nil
}

// MinutesRequest asks for the minutes of the council's meeting on a proposal.
type MinutesRequest struct {
	Start string `json:"start,omitempty"` // "14 giờ 00"
	End   string `json:"end,omitempty"`
	Place string `json:"place,omitempty"`
	// Absent are the council members (person IDs) who did not attend, with a reason.
	Absent []Absence `json:"absent,omitempty"`
	// Content is the course of the meeting (nội dung); a default names the proposal.
	Content string `json:"content,omitempty"`
	// Secretary names the secretary when the council has no Thư ký Hội đồng.
	Secretary      string `json:"secretary,omitempty"`
	SecretaryTitle string `json:"secretary_title,omitempty"`
	Issue          bool   `json:"issue,omitempty"`
}

// Absence is a member who did not attend.
type Absence struct {
	PersonID int64  `json:"person_id"`
	Reason   string `json:"reason"`
}

// Minutes builds the council's minutes from the records: the members on the meeting's
// date (chair and secretary by their roles), and each nominee's vote against the award's
// threshold, in the text and as the annex table.
func (s *Service) Minutes(ctx context.Context, proposalID int64, req MinutesRequest) (Output, error) {
	v, err := s.proposal(ctx, proposalID)
	if err != nil {
		return Output{}, err
	}
	if v.CouncilID == 0 {
		return Output{}, invalid("council_id", msgNoCouncil)
	}
	unit, err := s.councilUnit(ctx, &v.Proposal)
	if err != nil {
		return Output{}, err
	}
	if err := s.require(ctx, access.CommendationVote, unit); err != nil {
		return Output{}, err
	}
	if v.MeetingDate == "" {
		return Output{}, invalid("votes", msgNoVotes)
	}
	council, err := s.db.Body(ctx, v.CouncilID)
	if err != nil {
		return Output{}, err
	}
	members, err := s.councilOn(ctx, v.CouncilID, v.MeetingDate)
	if err != nil {
		return Output{}, err
	}
	byID := map[int64]committee.Member{}
	var chair, secretary *committee.Member
	for i := range members {
		m := &members[i]
		byID[m.Person.ID] = *m
		switch m.Role {
		case "Chủ tịch Hội đồng":
			chair = m
		case "Thư ký Hội đồng":
			secretary = m
		}
	}
	if chair == nil {
		return Output{}, invalid("council_id", msgNoChair)
	}
	secName, secTitle := req.Secretary, req.SecretaryTitle
	if secretary != nil && secName == "" {
		secName, secTitle = secretary.Person.Name, joinNonEmpty(secretary.Person.Position, secretary.Role)
	}
	if secName == "" {
		return Output{}, invalid("secretary", msgNoSecretary)
	}
	absent := map[int64]string{}
	var absentLines []string
	for i, a := range req.Absent {
		m, ok := byID[a.PersonID]
		if !ok {
			return Output{}, invalid(fmt.Sprintf("absent[%d].person_id", i), msgAbsentNotMember, a.PersonID)
		}
		absent[a.PersonID] = a.Reason
		line := m.Person.Title() + " " + m.Person.Name + ", " + m.Role
		if a.Reason != "" {
			line += " (" + a.Reason + ")"
		}
		absentLines = append(absentLines, line)
	}
	var present []string
	for _, m := range members {
		if _, gone := absent[m.Person.ID]; !gone {
			present = append(present, m.Person.Title()+" "+m.Person.Name+", "+joinNonEmpty(m.Person.Position, m.Role))
		}
	}

	results, err := s.eligibility(ctx, proposalID)
	if err != nil {
		return Output{}, err
	}
	var lines []string
	var rows [][]string
	for i, n := range v.Nominees {
		if n.Vote == nil {
			continue
		}
		verdict := "Đề nghị"
		if v.Award.Vote != nil && !v.Award.Vote.Passes(n.Vote.InFavour, n.Vote.Members) {
			verdict = "Không đề nghị"
		} else if !results[i].Eligible {
			verdict = "Không đủ điều kiện"
		}
		line := fmt.Sprintf("%s: %s/%s thành viên Hội đồng đồng ý (%d %%)", n.Name,
			typeset.TwoDigits(n.Vote.InFavour), typeset.TwoDigits(n.Vote.Members), n.Vote.Percent())
		if v.Award.Vote != nil {
			if v.Award.Vote.Passes(n.Vote.InFavour, n.Vote.Members) {
				line += fmt.Sprintf(", đạt tỷ lệ từ %d %% tổng số thành viên: đề nghị tặng %s.", v.Award.Vote.MinPercent, v.Award.Short)
			} else {
				line += fmt.Sprintf(", chưa đạt tỷ lệ từ %d %% tổng số thành viên: không đề nghị.", v.Award.Vote.MinPercent)
			}
		} else {
			line += "."
		}
		lines = append(lines, line)
		rows = append(rows, []string{"", n.Name, v.Award.Option,
			fmt.Sprintf("%d/%d", n.Vote.InFavour, n.Vote.Members), fmt.Sprintf("%d %%", n.Vote.Percent()), verdict})
	}
	if len(lines) == 0 {
		return Output{}, invalid("votes", msgNoVotes)
	}
	tree := s.sec.Tree()
	issuer, ok := tree.Unit(council.UnitID)
	if !ok {
		return Output{}, invalid("council_id", msgNoSuchUnit, council.UnitID)
	}
	place := req.Place
	if place == "" {
		place = "Hội trường " + issuer.Name
	}
	content := req.Content
	if content == "" {
		content = fmt.Sprintf("Thư ký Hội đồng báo cáo danh sách %s tập thể, cá nhân được %s đề nghị tặng %s trong %s.\nHội đồng thảo luận, đối chiếu tiêu chuẩn và bỏ phiếu đối với từng trường hợp.",
			typeset.TwoDigits(len(rows)), unitName(tree, v.ProposerID), v.Award.Short, v.Movement)
	}
	data := map[string]any{
		"trich_yeu":            fmt.Sprintf("Họp %s xét đề nghị tặng %s", council.Name, v.Award.Short),
		"gio_bat_dau":          orDefault(req.Start, "08 giờ 00"),
		"ngay_hop":             string(v.MeetingDate),
		"dia_diem":             place,
		"hoi_dong":             council.Name,
		"tong_so_thanh_vien":   len(members),
		"so_co_mat":            len(members) - len(absent),
		"thanh_phan":           present,
		"chu_toa":              chair.Person.Name,
		"chuc_vu_chu_toa":      joinNonEmpty(chair.Person.Position, chair.Role),
		"thu_ky":               secName,
		"chuc_vu_thu_ky":       orDefault(secTitle, "Thư ký Hội đồng"),
		"noi_dung":             content,
		"ket_qua":              strings.Join(lines, "\n"),
		"ket_qua_bo_phieu":     rows,
		"gio_ket_thuc":         orDefault(req.End, "10 giờ 00"),
		"chuc_danh_ky_chu_toa": "CHỦ TỌA",
		"chuc_danh_ky_thu_ky":  "THƯ KÝ",
	}
	if len(absentLines) > 0 {
		data["vang_mat"] = absentLines
	}
	sub := &secretariat.Submission{Form: formMinutes, IssuerID: issuer.ID, Data: data}
	return s.produce(ctx, sub, req.Issue, proposalID, "minutes")
}

func unitName(tree *directory.Tree, id string) string {
	if u, ok := tree.Unit(id); ok {
		return u.Name
	}
	return id
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}
