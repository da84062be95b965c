package records

import (
	"context"
	"encoding/json"
	"fmt"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/commendation"
	"vanthu/committee"
	"vanthu/register"
	"vanthu/secretariat"
	"vanthu/typeset"
)

// The forms of the grant.
const formAwardDecision = "quyet-dinh-khen-thuong"

// AwardRequest asks the authority for the award decision of a proposal's eligible
// nominees and, when the award prints one, a certificate for each.
type AwardRequest struct {
	Date   committee.Date `json:"date"`
	Signer Signer         `json:"signer"`
	Bases  []string       `json:"bases,omitempty"`
	// Issue issues the decision and the certificates; without it the answer is a preview
	// of the decision (the certificates need its number).
	Issue bool `json:"issue,omitempty"`
}

// GrantOutput is the preview of the decision, or the decision and the certificates issued
// in one request.
type GrantOutput struct {
	Docx         []byte              `json:"-"`
	Decision     *register.Document  `json:"decision"`
	Certificates []register.Document `json:"certificates"`
}

// Grant builds the award decision of the authority that grants the proposal's award,
// issued by that authority, with the eligible nominees as annex; with Issue it is issued
// and then each certificate, which cites its number and date. Every certificate is
// checked before the decision is issued, so a faulty one issues nothing; the documents
// are issued one after the other, not in one transaction.
func (s *Service) Grant(ctx context.Context, proposalID int64, req AwardRequest) (GrantOutput, error) {
	v, err := s.proposal(ctx, proposalID)
	if err != nil {
		return GrantOutput{}, err
	}
	if err := s.require(ctx, access.CommendationGrant, v.Authority.Unit.ID); err != nil {
		return GrantOutput{}, err
	}
	if err := req.Signer.check(); err != nil {
		return GrantOutput{}, err
	}
	date, err := committee.ParseDate(string(req.Date))
	if err != nil {
		return GrantOutput{}, invalid("date", "%s", err.Error())
	}
	if v.DecisionID != 0 && req.Issue {
		return GrantOutput{}, apperr.New(apperr.Conflict, msgAlreadyAwarded)
	}
	results, err := s.eligibility(ctx, proposalID)
	if err != nil {
		return GrantOutput{}, err
	}
	var granted []commendation.Nominee
	for i, r := range results {
		if r.Eligible {
			granted = append(granted, v.Nominees[i])
		}
	}
	if len(granted) == 0 {
		return GrantOutput{}, invalid("nominees", msgNoEligible)
	}
	tree := s.sec.Tree()
	issuer := v.Authority.Unit
	proposer, _ := tree.Unit(v.ProposerID)
	proposerHead, err := headLine(tree, proposer.ID, issuer.ID)
	if err != nil {
		proposerHead = proposer.Name
	}
	grantor := typeset.Upper(issuer.HeadTitle + " " + issuer.Name)
	persons, collectives := 0, 0
	rows := make([][]string, len(granted))
	for i, n := range granted {
		if n.Kind == commendation.Person {
			persons++
		} else {
			collectives++
		}
		rows[i] = []string{"", n.Name, n.Position, n.Achievement}
	}
	bases := req.Bases
	if len(bases) == 0 {
		for _, lb := range v.Award.LegalBasis {
			bases = append(bases, "Căn cứ "+lb)
		}
	}
	proposal := "Theo đề nghị của " + proposerHead
	if v.SubmissionID != 0 {
		if sub, err := s.sec.Document(ctx, v.SubmissionID); err == nil && sub.Number > 0 {
			proposal += " tại Tờ trình số " + numberSymbol(sub)
			var d struct {
				Date string `json:"ngay_ban_hanh"`
			}
			if json.Unmarshal(sub.Data, &d) == nil {
				if day, err := committee.ParseDate(d.Date); err == nil {
					proposal += " ngày " + day.Vietnamese()
				}
			}
		}
	}
	data := map[string]any{
		"trich_yeu":           fmt.Sprintf("Về việc tặng %s cho %s có thành tích trong %s", v.Award.Short, whom(persons, collectives), v.Movement),
		"tham_quyen_ban_hanh": grantor,
		"can_cu":              bases,
		"de_nghi":             proposal,
		"cac_dieu": []string{
			fmt.Sprintf("Tặng %s cho %s tập thể và %s cá nhân có tên trong danh sách kèm theo Quyết định này, đã có thành tích trong %s.",
				v.Award.Short, typeset.TwoDigits(collectives), typeset.TwoDigits(persons), v.Movement),
			"Tiền thưởng kèm theo thực hiện theo quy định của Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP.",
			fmt.Sprintf("Quyết định này có hiệu lực kể từ ngày ký. %s, các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.", proposerHead),
		},
		"danh_sach":     rows,
		"ngay_ban_hanh": string(date),
	}
	req.Signer.fill(data, issuer)
	decision := &secretariat.Submission{Form: formAwardDecision, IssuerID: issuer.ID, Data: data}
	if !req.Issue {
		docx, err := s.sec.Preview(ctx, decision)
		return GrantOutput{Docx: docx}, err
	}

	certificate := func(n commendation.Nominee, decisionRef string) *secretariat.Submission {
		recipient := n.Name
		if n.Kind == commendation.Person {
			p := committee.Person{Gender: n.Gender}
			recipient = p.Title() + " " + n.Name
		}
		cd := map[string]any{
			"nguoi_tang":     grantor,
			"nguoi_nhan":     recipient,
			"chuc_vu_don_vi": n.Position,
			"thanh_tich":     []string{"Đã có thành tích xuất sắc trong " + v.Movement},
			"quyet_dinh":     decisionRef,
			"ngay_ban_hanh":  string(date),
		}
		req.Signer.fill(cd, issuer)
		return &secretariat.Submission{Form: v.Award.Certificate, IssuerID: issuer.ID, Data: cd}
	}
	if v.Award.Certificate != "" {
		for _, n := range granted {
			if _, err := s.sec.Route(ctx, certificate(n, "Quyết định số …")); err != nil {
				return GrantOutput{}, err
			}
		}
	}
	doc, err := s.sec.CreateAndIssue(ctx, decision)
	if err != nil {
		return GrantOutput{}, err
	}
	if err := s.db.SetProposalDocument(s.audited(ctx, ActProposalDoc), proposalID, "decision", doc.ID); err != nil {
		return GrantOutput{}, err
	}
	out := GrantOutput{Decision: &doc, Certificates: []register.Document{}}
	if v.Award.Certificate == "" {
		return out, nil
	}
	ref := fmt.Sprintf("Quyết định số %s ngày %s", numberSymbol(doc), date.Vietnamese())
	for _, n := range granted {
		c, err := s.sec.CreateAndIssue(ctx, certificate(n, ref))
		if err != nil {
			return out, err
		}
		if err := s.db.SetCertificate(s.audited(ctx, ActCertificate), n.ID, c.ID); err != nil {
			return out, err
		}
		out.Certificates = append(out.Certificates, c)
	}
	return out, nil
}

func whom(persons, collectives int) string {
	switch {
	case persons == 0:
		return "tập thể"
	case collectives == 0:
		return "cá nhân"
	}
	return "tập thể, cá nhân"
}
