package records

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/commendation"
	"vanthu/committee"
	"vanthu/directory"
	"vanthu/secretariat"
	"vanthu/typeset"
)

// formReport is the form of the achievement reports.
const formReport = "bao-cao-thanh-tich"

// maxReports bounds the reports of one request: a dossier of more nominees asks for them
// one by one (NomineeID), rather than rendering hundreds of documents in one answer.
const maxReports = 100

// recognitionYears is how many years of "An toàn về an ninh, trật tự" recognitions an
// area's report lists, counting the proposal's year.
const recognitionYears = 5

// ReportRequest asks for the achievement reports (báo cáo thành tích) of a proposal.
type ReportRequest struct {
	// NomineeID asks for one nominee's report, whether eligible yet or not (a report is
	// written before the council votes); 0 asks for every eligible nominee's.
	NomineeID int64 `json:"nominee_id,omitempty"`
	// Date is printed after the place; empty leaves it to be written by hand.
	Date committee.Date `json:"date,omitempty"`
	// Confirmer names who confirms on the left (the head of the proposing unit); empty
	// leaves the name to be written by hand.
	Confirmer string `json:"confirmer,omitempty"`
}

// Report is the preview of one nominee's achievement report.
type Report struct {
	NomineeID int64                    `json:"nominee_id"`
	Name      string                   `json:"name"`
	Kind      commendation.NomineeKind `json:"kind"`
	Docx      []byte                   `json:"-"`
}

// Reports builds the achievement report of each nominee of a proposal — the individual
// model for a person, the collective model for an area or a collective — prefilled from
// the records: the person's name, gender, year of birth, post and unit, or the
// collective's name and place; the achievement; the council's vote; the years of service
// when the award counts them; and the awards and recognitions already received, as the
// table of section III. A report is not entered in the register (its kind takes no number),
// so it is always a preview through the secretariat, never a draft or an issued document:
// the signed paper goes into the dossier.
func (s *Service) Reports(ctx context.Context, proposalID int64, req ReportRequest) ([]Report, error) {
	v, err := s.proposal(ctx, proposalID)
	if err != nil {
		return nil, err
	}
	if err := s.require(ctx, access.CommendationPropose, v.ProposerID); err != nil {
		return nil, err
	}
	var date string
	if req.Date != "" {
		d, err := committee.ParseDate(string(req.Date))
		if err != nil {
			return nil, invalid("date", "%s", err.Error())
		}
		date = string(d)
	}
	results, err := s.eligibility(ctx, proposalID)
	if err != nil {
		return nil, err
	}
	var chosen []commendation.Nominee
	for i, n := range v.Nominees {
		if req.NomineeID == n.ID || req.NomineeID == 0 && results[i].Eligible {
			chosen = append(chosen, n)
		}
	}
	switch {
	case req.NomineeID != 0 && len(chosen) == 0:
		return nil, invalid("nominee_id", msgNotANominee, req.NomineeID)
	case len(chosen) == 0:
		return nil, invalid("nominees", msgNoEligible)
	case len(chosen) > maxReports:
		return nil, invalid("nominee_id", msgTooManyReports, len(chosen), maxReports)
	}
	tree := s.sec.Tree()
	proposer, ok := tree.Unit(v.ProposerID)
	if !ok {
		return nil, invalid("proposer_id", msgNoSuchUnit, v.ProposerID)
	}
	past, err := s.pastAwards(ctx, &v, chosen)
	if err != nil {
		return nil, err
	}
	rec, err := s.records(ctx, v.Award, v.Year, chosen)
	if err != nil {
		return nil, err
	}
	council := ""
	if v.CouncilID != 0 && v.MeetingDate != "" {
		b, err := s.db.Body(ctx, v.CouncilID)
		if err != nil {
			return nil, err
		}
		council = b.Name
	}

	out := make([]Report, 0, len(chosen))
	for _, n := range chosen {
		data := map[string]any{
			"trich_yeu":   typeset.Upper("Đề nghị tặng " + v.Award.Name),
			"thanh_tich":  achievement(&v, &n),
			"khen_thuong": past[nomineeKey(&n)],
			// Broken between its phrases: the half-page column holds one of them a line.
			"chuc_danh_xac_nhan": "XÁC NHẬN CỦA\nCẤP TRÌNH KHEN THƯỞNG",
			"ho_ten_xac_nhan":    req.Confirmer,
		}
		if date != "" {
			data["ngay_bao_cao"] = date
		}
		if council != "" && n.Vote != nil {
			data["binh_xet"] = fmt.Sprintf("Kết quả bình xét: %s họp ngày %s, %s/%s thành viên Hội đồng đồng ý (%d %%).",
				council, v.MeetingDate.Vietnamese(), typeset.TwoDigits(n.Vote.InFavour), typeset.TwoDigits(n.Vote.Members), n.Vote.Percent())
		}
		if n.Kind == commendation.Person {
			p, err := s.db.Person(ctx, n.PersonID)
			if err != nil {
				return nil, err
			}
			gender := "nam"
			if p.Gender == committee.Female {
				gender = "nữ"
			}
			data["doi_tuong"] = "Cá nhân"
			data["ho_ten"] = p.Name
			data["gioi_tinh"] = gender
			data["nam_sinh"] = p.BirthYear
			data["que_quan"] = p.Address
			data["chuc_vu"] = orDefault(n.Position, p.Position)
			data["don_vi"] = placeOf(tree, p.UnitID)
			data["thoi_gian_cong_tac"] = serviceLine(v.Award, rec, &n)
			data["chuc_danh_xac_nhan"] = "THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ"
			data["chuc_danh_bao_cao"] = "NGƯỜI BÁO CÁO THÀNH TÍCH"
			data["ho_ten_bao_cao"] = p.Name
			data["de_nghi"] = fmt.Sprintf("Trên đây là báo cáo thành tích của %s %s, kính đề nghị %s xem xét, đề nghị %s tặng %s.",
				strings.ToLower(p.Title()), p.Name, proposer.Name, v.Authority.Line, lowerAward(v.Award))
		} else {
			u, _ := tree.Unit(n.UnitID)
			head := "THỦ TRƯỞNG ĐƠN VỊ"
			if u.HeadTitle != "" {
				head = typeset.Upper(u.HeadTitle)
			}
			data["doi_tuong"] = "Tập thể"
			data["ten_tap_the"] = n.Name
			data["dac_diem"] = collectiveSituation(tree, &n, u)
			data["chuc_danh_bao_cao"] = head
			name := n.Name
			if n.Kind == commendation.Area {
				name = lowerFirst(name) // "thôn Phù Lưu" inside a sentence; a body keeps its capital
			}
			data["de_nghi"] = fmt.Sprintf("Trên đây là báo cáo thành tích của %s, kính đề nghị %s xem xét, đề nghị %s tặng %s.",
				name, proposer.Name, v.Authority.Line, lowerAward(v.Award))
		}
		docx, err := s.sec.Preview(ctx, &secretariat.Submission{Form: formReport, IssuerID: proposer.ID, Data: data,
			Recipients: &directory.Recipients{KinhGui: []string{}, NoiNhan: []string{}}})
		if err != nil {
			return nil, err
		}
		out = append(out, Report{NomineeID: n.ID, Name: n.Name, Kind: n.Kind, Docx: docx})
	}
	return out, nil
}

// achievement is section II of a nominee's report: the nominee's achievement in the
// movement, and the proposal's summary when the nominee has none of their own.
func achievement(v *ProposalView, n *commendation.Nominee) string {
	text := strings.TrimRight(strings.TrimSpace(n.Achievement), ".")
	if text == "" {
		return v.Summary
	}
	return fmt.Sprintf("Trong %s: %s.", v.Movement, lowerFirst(text))
}

// lowerAward names the award inside a sentence: "danh hiệu Chiến sĩ thi đua cơ sở",
// "Giấy khen của Chủ tịch Ủy ban nhân dân xã".
func lowerAward(a *commendation.Award) string {
	if strings.HasPrefix(a.Name, "Danh hiệu ") {
		return lowerFirst(a.Name)
	}
	return a.Name
}

// serviceLine writes the years of service the award counts, or "" when it counts none.
func serviceLine(a *commendation.Award, rec *commendation.Records, n *commendation.Nominee) string {
	for _, c := range a.Condition {
		if c.Kind != commendation.CondServiceYears {
			continue
		}
		what := "Thời gian tham gia " + c.BodyKind
		if c.BodyKind == committee.SecurityTeam {
			what = "Thời gian tham gia Tổ bảo vệ an ninh, trật tự"
		}
		years := "dưới 01 năm"
		if y := rec.ServiceYears[c.BodyKind][n.PersonID]; y > 0 {
			years = typeset.TwoDigits(y) + " năm"
		}
		return fmt.Sprintf("%s: %s (tính đến hết năm %d)", what, years, rec.Year)
	}
	return ""
}

// collectiveSituation is section I of a collective's report: what and where it is. The
// records hold no more (households, staff): the rest is written by the collective.
func collectiveSituation(tree *directory.Tree, n *commendation.Nominee, u directory.Unit) string {
	above := strings.TrimPrefix(strings.TrimPrefix(placeOf(tree, n.UnitID), u.Name), ", ")
	switch {
	case n.Kind == commendation.Area && above != "":
		return fmt.Sprintf("%s là khu dân cư thuộc %s.", n.Name, above)
	case n.Kind == commendation.Area:
		return n.Name + " là khu dân cư."
	case above != "":
		return fmt.Sprintf("%s, %s.", n.Name, above)
	}
	return n.Name + "."
}

// placeOf names a unit with the localities above it: "Thôn Phù Lưu, xã Đông Tiến, tỉnh
// Thanh Hoá"; a locality its name already holds is not repeated ("Công an xã Đông Tiến,
// tỉnh Thanh Hoá").
func placeOf(tree *directory.Tree, id string) string {
	u, ok := tree.Unit(id)
	if !ok {
		return ""
	}
	text := u.Name
	for p, ok := tree.Unit(u.ParentID); ok && p.Kind != directory.Nation; p, ok = tree.Unit(p.ParentID) {
		name := lowerFirst(p.Name)
		if p.Kind.IsLocality() && !strings.Contains(strings.ToLower(text), strings.ToLower(name)) {
			text += ", " + name
		}
		if p.ParentID == "" {
			break
		}
	}
	return text
}

// nomineeKey identifies a person or a collective across proposals.
func nomineeKey(n *commendation.Nominee) string {
	if n.Kind == commendation.Person {
		return "p" + strconv.FormatInt(n.PersonID, 10)
	}
	return "u" + n.UnitID
}

// pastAwards returns, for each of the chosen nominees, the rows of section III: the awards
// granted to them by the decisions of earlier proposals (up to the proposal's year), and
// for an area the years it was recognised "An toàn về an ninh, trật tự", by year. A
// nominee of a granted proposal was granted when the award's certificate was issued to
// them, or, for an award without a certificate, when they are eligible for it.
func (s *Service) pastAwards(ctx context.Context, v *ProposalView, chosen []commendation.Nominee) (map[string][][]string, error) {
	type row struct {
		year  int
		cells []string
	}
	wanted := map[string]bool{}
	areas := false
	for i := range chosen {
		wanted[nomineeKey(&chosen[i])] = true
		areas = areas || chosen[i].Kind == commendation.Area
	}
	rows := map[string][]row{}
	proposals, err := s.db.Proposals(ctx, 0, "")
	if err != nil {
		return nil, err
	}
	for _, p := range proposals {
		if p.DecisionID == 0 || p.ID == v.ID || p.Year > v.Year {
			continue
		}
		a, err := s.award(p.AwardID)
		if err != nil {
			continue // an award since removed from the catalog
		}
		ns, err := s.db.Nominees(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		var eligible []commendation.Result
		var ref string
		for i, n := range ns {
			key := nomineeKey(&n)
			if !wanted[key] {
				continue
			}
			granted := n.CertificateID != 0
			if a.Certificate == "" {
				if eligible == nil {
					if eligible, err = s.eligibility(ctx, p.ID); err != nil {
						return nil, err
					}
				}
				granted = eligible[i].Eligible
			}
			if !granted {
				continue
			}
			if ref == "" {
				if ref, err = s.decisionReference(ctx, a, &p); err != nil {
					return nil, err
				}
			}
			rows[key] = append(rows[key], row{p.Year, []string{strconv.Itoa(p.Year), a.Name, ref}})
		}
	}
	if areas {
		for year := v.Year - recognitionYears + 1; year <= v.Year; year++ {
			src, err := s.yearRecognitions(ctx, year)
			if err != nil {
				return nil, err
			}
			for _, n := range chosen {
				if n.Kind != commendation.Area {
					continue
				}
				ok, err := src.Recognised(year, n.UnitID)
				if err != nil {
					return nil, err
				}
				if ok {
					key := nomineeKey(&n)
					rows[key] = append(rows[key], row{year, []string{strconv.Itoa(year),
						"Khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
						fmt.Sprintf("Kết quả xét công nhận năm %d (Thông tư 124/2021/TT-BCA)", year)}})
				}
			}
		}
	}
	out := make(map[string][][]string, len(rows))
	for key, rs := range rows {
		slices.SortStableFunc(rs, func(a, b row) int { return a.year - b.year })
		cells := make([][]string, len(rs))
		for i, r := range rs {
			cells[i] = r.cells
		}
		out[key] = cells
	}
	return out, nil
}

// decisionReference cites the decision that granted a proposal's award: "Quyết định số
// 05/QĐ-UBND ngày 20/12/2025 của Chủ tịch UBND xã Đông Tiến"; without the number when the
// actor may not read the decision.
func (s *Service) decisionReference(ctx context.Context, a *commendation.Award, p *commendation.Proposal) (string, error) {
	by := ""
	if auth, err := s.authority(a, p.ProposerID); err == nil {
		by = " của " + auth.Line
	}
	doc, err := s.sec.Document(ctx, p.DecisionID)
	switch code := apperr.CodeOf(err); {
	case err == nil:
	case code == apperr.Forbidden || code == apperr.NotFound:
		return fmt.Sprintf("Quyết định năm %d%s", p.Year, by), nil
	default:
		return "", err
	}
	ref := "Quyết định số " + numberSymbol(doc)
	var data map[string]any
	if json.Unmarshal(doc.Data, &data) == nil {
		if s, ok := data["ngay_ban_hanh"].(string); ok {
			if d, err := committee.ParseDate(s); err == nil {
				ref += " ngày " + d.Vietnamese()
			}
		}
	}
	return ref + by, nil
}
