package records

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"vanthu/access"
	"vanthu/committee"
	"vanthu/directory"
	"vanthu/secretariat"
	"vanthu/typeset"
)

// DecisionRequest asks for the decision establishing or reorganising a body on a date.
// Everything but the date and the signer has a default built from the records.
type DecisionRequest struct {
	Date   committee.Date `json:"date"`
	Signer Signer         `json:"signer"`
	// Bases (căn cứ), Articles (các điều) and Proposal (theo đề nghị của …) replace the
	// defaults when given.
	Bases    []string `json:"bases,omitempty"`
	Articles []string `json:"articles,omitempty"`
	Proposal string   `json:"proposal,omitempty"`
	// Issue numbers, registers and records the decision against the body; without it the
	// answer is a preview.
	Issue bool `json:"issue,omitempty"`
}

// Decision builds the decision establishing (the body's first) or reorganising it, with
// the annex of its members on the decision's date, through the form the rules name. With
// Issue it is issued and recorded against the body.
func (s *Service) Decision(ctx context.Context, bodyID int64, req DecisionRequest) (Output, error) {
	if _, err := s.authorizedBody(ctx, access.CommitteeWrite, bodyID); err != nil {
		return Output{}, err
	}
	sub, date, err := s.decisionSubmission(ctx, bodyID, &req)
	if err != nil {
		return Output{}, err
	}
	if !req.Issue {
		docx, err := s.sec.Preview(ctx, sub)
		return Output{Docx: docx}, err
	}
	doc, err := s.sec.CreateAndIssue(ctx, sub)
	if err != nil {
		return Output{}, err
	}
	if err := s.db.RecordDecision(s.audited(ctx, ActBodyDecision), bodyID, doc.ID, date); err != nil {
		return Output{}, err
	}
	return Output{Document: &doc}, nil
}

func (s *Service) decisionSubmission(ctx context.Context, bodyID int64, req *DecisionRequest) (*secretariat.Submission, committee.Date, error) {
	if err := req.Signer.check(); err != nil {
		return nil, "", err
	}
	date, err := committee.ParseDate(string(req.Date))
	if err != nil {
		return nil, "", invalid("date", "%s", err.Error())
	}
	b, err := s.db.Body(ctx, bodyID)
	if err != nil {
		return nil, "", err
	}
	r, err := s.bodyRules(&b)
	if err != nil {
		return nil, "", err
	}
	if r.Decision == "" {
		return nil, "", invalid("body", msgNoDecisionForm, r.Title)
	}
	members, err := s.composition(ctx, b, date)
	if err != nil {
		return nil, "", err
	}
	if len(members) == 0 {
		return nil, "", invalid("date", msgEmptyComposition, b.Name, date.Vietnamese())
	}
	previous, err := s.db.BodyDecisions(ctx, bodyID)
	if err != nil {
		return nil, "", err
	}
	var replaced string
	for _, d := range previous {
		if d.Date <= date {
			doc, err := s.sec.Document(ctx, d.DocumentID)
			if err != nil {
				return nil, "", err
			}
			replaced = fmt.Sprintf("Quyết định số %s ngày %s", numberSymbol(doc), d.Date.Vietnamese())
		}
	}

	tree := s.sec.Tree()
	issuer, ok := tree.Unit(b.UnitID)
	if !ok {
		return nil, "", invalid("unit_id", msgNoSuchUnit, b.UnitID)
	}
	locality, _ := tree.Locality(issuer.ID)
	police, hasPolice := childOfKind(tree, locality.ID, directory.Police)
	var policeHead string
	if hasPolice {
		if policeHead, err = headLine(tree, police.ID, issuer.ID); err != nil {
			return nil, "", err
		}
	}
	_, areaNames := s.areas(&b, r)

	verb := "thành lập"
	if replaced != "" {
		verb = "kiện toàn"
	}
	data := map[string]any{
		"trich_yeu":           "Về việc " + verb + " " + b.Name,
		"tham_quyen_ban_hanh": typeset.Upper(issuer.HeadTitle + " " + issuer.Name),
		"ngay_ban_hanh":       string(date),
	}
	bases := req.Bases
	if len(bases) == 0 {
		bases = append(bases, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025")
		for _, lb := range r.LegalBasis {
			bases = append(bases, "Căn cứ "+lb)
		}
	}
	data["can_cu"] = bases
	// Teams and steering committees are proposed by the police of the locality (Law
	// 30/2023/QH15; Circular 124/2021/TT-BCA); other bodies name their proposer.
	proposal := req.Proposal
	if proposal == "" && hasPolice && (b.Kind == committee.SecurityTeam || b.Kind == committee.SteeringCommittee) {
		proposal = "Theo đề nghị của " + policeHead
	}
	if proposal == "" {
		return nil, "", invalid("proposal", msgProposalRequired)
	}
	data["de_nghi"] = proposal

	n := typeset.TwoDigits(len(members))
	articles := req.Articles
	switch b.Kind {
	case committee.SecurityTeam:
		if len(articles) == 0 {
			where := areaNames + ", " + lowerFirst(locality.Name)
			first := fmt.Sprintf("Thành lập %s, hoạt động trên địa bàn %s, gồm %s thành viên có tên trong danh sách kèm theo Quyết định này.", b.Name, where, n)
			if replaced != "" {
				first = fmt.Sprintf("Kiện toàn %s, hoạt động trên địa bàn %s, gồm %s thành viên có tên trong danh sách kèm theo Quyết định này.", b.Name, where, n)
			}
			articles = []string{first,
				fmt.Sprintf("%s thực hiện chức năng, nhiệm vụ, quyền hạn theo quy định của Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở, chịu sự quản lý, chỉ đạo của %s.", b.Name, labelOr(police, "Công an cấp xã")),
				effective(replaced) + " " + strings.TrimSpace(policeHead+", Trưởng các thôn, tổ dân phố có liên quan và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."),
			}
		}
		data["dia_ban"] = areaNames + ", " + lowerFirst(locality.Name)
		rows := make([][]string, len(members))
		for i, m := range members {
			rows[i] = []string{"", m.Person.Name, yearString(m.Person.BirthYear), m.Role, m.Person.Address, ""}
		}
		data["thanh_vien"] = rows
	default:
		if len(articles) == 0 {
			first := fmt.Sprintf("%s %s, gồm %s thành viên có tên trong danh sách kèm theo Quyết định này.", upperFirst(verb), b.Name, n)
			articles = []string{first,
				fmt.Sprintf("%s thực hiện nhiệm vụ theo quy chế hoạt động; thành viên làm việc theo chế độ kiêm nhiệm.", b.Name),
				effective(replaced) + " Các cơ quan, đơn vị có liên quan và các ông, bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
			}
		}
		if replaced != "" {
			data["quyet_dinh_thay_the"] = replaced
		}
		rows := make([][]string, len(members))
		for i, m := range members {
			rows[i] = []string{"", m.Person.Name, m.Person.Position, m.Role, ""}
		}
		data["thanh_vien"] = rows
	}
	data["cac_dieu"] = articles
	req.Signer.fill(data, issuer)
	return &secretariat.Submission{Form: r.Decision, IssuerID: issuer.ID, Data: data}, date, nil
}

// upperFirst starts a sentence: "kiện toàn" → "Kiện toàn".
func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func effective(replaced string) string {
	if replaced == "" {
		return "Quyết định này có hiệu lực kể từ ngày ký."
	}
	return "Quyết định này có hiệu lực kể từ ngày ký và thay thế " + replaced + "."
}

func labelOr(u directory.Unit, fallback string) string {
	switch {
	case u.Label != "":
		return u.Label
	case u.Name != "":
		return u.Name
	}
	return fallback
}

func yearString(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}
