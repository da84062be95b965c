package web

import (
	"cmp"
	"slices"

	"vanthu/access"
	"vanthu/inspection"
	"vanthu/records"
)

// auditActions are the Vietnamese names of the audit log's actions, as the log page shows
// them and offers them in its filter; an action missing here shows its code.
var auditActions = map[string]string{
	access.ActSignIn:         "Đăng nhập",
	access.ActSignInFailed:   "Đăng nhập sai",
	access.ActSignOut:        "Đăng xuất",
	access.ActPasswordChange: "Đổi mật khẩu",
	access.ActUserCreate:     "Thêm người dùng",
	access.ActUserUpdate:     "Sửa người dùng",
	access.ActRoleGrant:      "Giao vai trò",
	access.ActRoleRevoke:     "Thu hồi vai trò",
	access.ActTokenCreate:    "Tạo khoá API",
	access.ActTokenRevoke:    "Thu hồi khoá API",
	access.ActDocumentDraft:  "Soạn dự thảo",
	access.ActDocumentUpdate: "Sửa dự thảo",
	access.ActDocumentIssue:  "Ban hành văn bản",
	access.ActDocumentFix:    "Đính chính văn bản",
	access.ActRegisterNotes:  "Ghi sổ (ngày chuyển, ký nhận)",
	access.ActDirectory:      "Nhập danh mục đơn vị",
	access.ActUnitUpdate:     "Sửa đơn vị",

	inspection.ActRoundCreate:     "Tạo đợt kiểm tra",
	inspection.ActRoundUpdate:     "Sửa đợt kiểm tra",
	inspection.ActRoundDelete:     "Xoá đợt kiểm tra",
	inspection.ActRosterPut:       "Cập nhật danh sách đối tượng",
	inspection.ActRosterDelete:    "Xoá đối tượng khỏi đợt",
	inspection.ActRegister:        "Đăng ký, nộp hồ sơ",
	inspection.ActAssessmentSave:  "Lưu phiếu kiểm tra",
	inspection.ActCertificateLink: "Gắn Giấy công nhận",

	records.ActPersonCreate:   "Thêm người",
	records.ActPersonUpdate:   "Sửa thông tin người",
	records.ActBodyCreate:     "Thành lập tổ chức",
	records.ActBodyChange:     "Thay đổi thành viên",
	records.ActBodyDecision:   "Quyết định thành lập, kiện toàn",
	records.ActProposalCreate: "Lập đề nghị khen thưởng",
	records.ActNomineesAdd:    "Thêm người, tập thể được đề nghị",
	records.ActVotes:          "Ghi kết quả bỏ phiếu",
	records.ActProposalDoc:    "Lập văn bản hồ sơ khen thưởng",
	records.ActCertificate:    "Cấp giấy khen",
	records.ActRecognitions:   "Cập nhật danh sách công nhận",
}

// actionName is the Vietnamese name of an audit action, or its code.
func actionName(code string) string {
	if name, ok := auditActions[code]; ok {
		return name
	}
	return code
}

// actionChoice is one action of the log page's filter.
type actionChoice struct{ Code, Name string }

// actionChoices are the actions by name, for the filter.
var actionChoices = func() []actionChoice {
	out := make([]actionChoice, 0, len(auditActions))
	for code, name := range auditActions {
		out = append(out, actionChoice{code, name})
	}
	slices.SortFunc(out, func(a, b actionChoice) int { return cmp.Compare(a.Name, b.Name) })
	return out
}()
