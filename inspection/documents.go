package inspection

import (
	"fmt"
	"strings"

	"vanthu/apperr"
)

// The forms (templates/forms) the recognition cycle fills from a round's results. The
// documents themselves are made by the forms and the secretariat like any other: this file
// only computes the fields that come from the round, so that counts and lists are never
// typed in.
const (
	FormMinutes     = "bien-ban-hop-xet-antt"           // biên bản họp xét (art. 9.1.a, 9.2.b)
	FormProposal    = "to-trinh-de-nghi-cong-nhan-antt" // tờ trình đề nghị công nhận (art. 9.1.b, 9.2.b)
	FormDecision    = "quyet-dinh-cong-nhan-antt"       // quyết định công nhận, with its annex list (art. 10)
	FormNotice      = "thong-bao-ket-qua-antt"          // thông báo kết quả
	FormRegister    = "ban-dang-ky-antt"                // bản đăng ký phấn đấu (art. 9.2.a)
	FormCertificate = "giay-cong-nhan-antt"             // Giấy công nhận, one per recognised object
	resultPassed    = "Đạt"
	resultFailed    = "Chưa đạt"
	resultPending   = "Chưa đánh giá"
)

// kindLabels name the kinds in the lists of documents.
var kindLabels = map[Kind]string{
	ResidentialArea: "Khu dân cư",
	Commune:         "Xã, phường, đặc khu",
	Agency:          "Cơ quan, doanh nghiệp",
	School:          "Cơ sở giáo dục",
}

// KindLabel returns the name of a kind as documents print it.
func KindLabel(k Kind) string { return kindLabels[k] }

// DocumentRequest says which document to prefill and for what: the objects of the kinds
// given (all kinds when empty), or the one object whose meeting the minutes record.
type DocumentRequest struct {
	Form     string `json:"form"`
	Kinds    []Kind `json:"kinds,omitempty"`
	ObjectID string `json:"object_id,omitempty"`
}

// Prefill returns the fields of the form req.Form computed from a scored round. The caller
// lays them over what the user typed (signer, place, bases) and hands the submission to the
// forms; the forms validate the whole.
func Prefill(req DocumentRequest, r *Round, objects []Object, s *Scores) (map[string]any, error) {
	in := func(k Kind) bool { return len(req.Kinds) == 0 || hasKind(req.Kinds, k) }
	var registered, recognised int
	var recognisedRows, allRows [][]string
	var passedNames, failedNames []string
	for i := range objects {
		v := &s.Verdicts[i]
		if !in(v.Kind) || (req.ObjectID != "" && v.ParentID != req.ObjectID && v.ObjectID != req.ObjectID) {
			continue
		}
		if v.Registered {
			registered++
		}
		result := outcomeLabel(v)
		self := v.ObjectID == req.ObjectID
		if v.Outcome == Recognised {
			recognised++
			recognisedRows = append(recognisedRows, []string{"", v.Name, KindLabel(v.Kind), result, ""})
			if !self {
				passedNames = append(passedNames, v.Name)
			}
		} else if v.Outcome == NotRecognised && !self {
			failedNames = append(failedNames, v.Name)
		}
		allRows = append(allRows, []string{"", v.Name, KindLabel(v.Kind), result, reasonsNote(v)})
	}
	switch req.Form {
	case FormProposal:
		return map[string]any{"nam": r.Year, "so_dang_ky": registered, "so_de_nghi": recognised, "danh_sach": recognisedRows}, nil
	case FormDecision:
		return map[string]any{"nam": r.Year, "danh_sach": recognisedRows}, nil
	case FormNotice:
		return map[string]any{"nam": r.Year, "so_dang_ky": registered, "so_dat": recognised, "danh_sach": allRows}, nil
	case FormMinutes:
		if req.ObjectID == "" {
			return nil, apperr.InvalidFields(map[string]string{"object_id": "Biên bản họp xét cần đối tượng được họp xét (object_id)."})
		}
		v := s.Of(req.ObjectID)
		if v == nil {
			return nil, &apperr.Error{Code: apperr.NotFound, Message: MsgObjectNotFound,
				Fields: map[string]string{"object_id": fmt.Sprintf("Đối tượng %q không thuộc đợt xét %d.", req.ObjectID, r.ID)}}
		}
		return map[string]any{"ket_qua": minutesResult(r, v, passedNames, failedNames)}, nil
	}
	return nil, apperr.InvalidFields(map[string]string{"form": fmt.Sprintf(
		"Mẫu %q không lập được từ kết quả đợt xét; dùng một trong: %s, %s, %s, %s.", req.Form, FormMinutes, FormProposal, FormDecision, FormNotice)})
}

// outcomeLabel is the result column of a list: "Đạt", "Đạt (Xuất sắc)", "Chưa đạt".
func outcomeLabel(v *Verdict) string {
	switch v.Outcome {
	case Recognised:
		if v.Grade != "" {
			return resultPassed + " (" + v.Grade + ")"
		}
		return resultPassed
	case NotRecognised:
		return resultFailed
	}
	return resultPending
}

// reasonsNote names the criteria not met, for the note column of a list.
func reasonsNote(v *Verdict) string {
	if v.Outcome != NotRecognised {
		return ""
	}
	ids := make([]string, 0, len(v.Reasons))
	for _, r := range v.Reasons {
		ids = append(ids, "tiêu chí "+r.CriterionID)
	}
	return "Chưa đạt " + strings.Join(ids, ", ")
}

// minutesResult is the "Kết quả" of the minutes of one object's meeting: its own result,
// each criterion not met with its basis and, for a commune, the objects under it.
func minutesResult(r *Round, v *Verdict, passed, failed []string) string {
	var b strings.Builder
	switch v.Outcome {
	case Recognised:
		fmt.Fprintf(&b, "Đối chiếu các tiêu chí của Thông tư số 124/2021/TT-BCA, %s đạt đủ các tiêu chí; hội nghị thống nhất đề nghị công nhận %s đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm %d.", v.Name, v.Name, r.Year)
	case NotRecognised:
		fmt.Fprintf(&b, "Đối chiếu các tiêu chí của Thông tư số 124/2021/TT-BCA, %s chưa đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm %d do:", v.Name, r.Year)
		for i, reason := range v.Reasons {
			end := ";"
			if i == len(v.Reasons)-1 {
				end = "."
			}
			fmt.Fprintf(&b, "\n- Tiêu chí %s (%s): %s%s", reason.CriterionID, reason.Basis, strings.TrimRight(reason.Explanation, ".;"), end)
		}
	default:
		fmt.Fprintf(&b, "%s chưa được đánh giá đủ các tiêu chí (còn %d tiêu chí).", v.Name, len(v.Missing))
	}
	for _, sh := range v.Shares {
		if sh.Rule == RuleSubObjects && sh.Total > 0 {
			fmt.Fprintf(&b, "\nTrên địa bàn có %d khu dân cư, cơ quan, doanh nghiệp, cơ sở giáo dục; %d đã đăng ký, %d được đề nghị công nhận (%s).",
				sh.Total, sh.Registered, sh.Recognised, percent(sh.Recognised, sh.Total))
		}
	}
	if v.Kind == Commune && len(passed) > 0 {
		fmt.Fprintf(&b, "\nĐạt tiêu chuẩn: %s.", strings.Join(passed, ", "))
	}
	if v.Kind == Commune && len(failed) > 0 {
		fmt.Fprintf(&b, "\nChưa đạt tiêu chuẩn: %s.", strings.Join(failed, ", "))
	}
	return b.String()
}
