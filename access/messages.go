package access

// Messages shown to users.
const (
	msgSignIn         = "Bạn chưa đăng nhập hoặc phiên làm việc đã hết hạn; xin đăng nhập lại."
	msgForbidden      = "Bạn không có quyền %s."
	msgForbiddenUnit  = "Bạn không có quyền %s của đơn vị %s."
	msgPasswordShort  = "Mật khẩu phải có ít nhất %d ký tự."
	msgPasswordLong   = "Mật khẩu dài quá %d byte."
	msgPasswordCommon = "Mật khẩu không được trùng tên đăng nhập."
	msgUnknownRole    = "Vai trò %q không tồn tại."
)

// actionNames says in Vietnamese what each permission allows, for the 403 message.
var actionNames = map[Permission]string{
	UserManage:          "quản lý người dùng",
	DirectoryWrite:      "sửa danh mục đơn vị",
	RoutingWrite:        "sửa quy tắc gửi văn bản",
	AuditRead:           "xem nhật ký hệ thống",
	DirectoryRead:       "xem danh mục đơn vị",
	FormRead:            "xem mẫu văn bản",
	TemplateRead:        "tải mẫu trống",
	DocumentDraft:       "soạn văn bản",
	DocumentPreview:     "xem trước văn bản",
	DocumentIssue:       "ban hành văn bản",
	DocumentCorrect:     "đính chính văn bản",
	DocumentRead:        "xem văn bản",
	RegisterRead:        "xem sổ đăng ký văn bản đi",
	RegisterWrite:       "ghi sổ đăng ký văn bản đi",
	RegisterExport:      "xuất sổ đăng ký văn bản đi",
	RegisterSecretRead:  "xem sổ đăng ký văn bản mật",
	RoundRead:           "xem đợt kiểm tra",
	RoundManage:         "quản lý đợt kiểm tra",
	RoundRegister:       "đăng ký tham gia đợt kiểm tra",
	InspectionAssess:    "chấm phiếu kiểm tra",
	InspectionFileRead:  "xem hồ sơ kiểm tra",
	InspectionUpload:    "nộp hồ sơ kiểm tra",
	ResultRead:          "xem kết quả",
	DashboardRead:       "xem bảng tổng hợp",
	CommitteeRead:       "xem hồ sơ tổ chức, thành viên",
	CommitteeWrite:      "cập nhật hồ sơ tổ chức, thành viên",
	CommendationRead:    "xem đề nghị khen thưởng",
	CommendationPropose: "lập đề nghị khen thưởng",
	CommendationVote:    "ghi kết quả bỏ phiếu của Hội đồng thi đua, khen thưởng",
	CommendationGrant:   "ra quyết định khen thưởng",
}

const (
	msgLoginChars  = "Tên đăng nhập chỉ gồm chữ, số, dấu chấm, gạch ngang hoặc gạch dưới."
	msgLoginLength = "Tên đăng nhập dài từ 3 đến 64 ký tự."
)
