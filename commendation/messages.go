package commendation

import "fmt"

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// Vietnamese messages of the package, in one place.
const (
	msgNoSuchAward        = "Không có hình thức khen thưởng %q"
	msgYear               = "Năm xét khen thưởng không hợp lệ"
	msgProposer           = "Đơn vị đề nghị là trường bắt buộc"
	msgMovement           = "Phong trào, lĩnh vực là trường bắt buộc"
	msgSummary            = "Tóm tắt thành tích là trường bắt buộc"
	msgCouncilNeeded      = "%s cần Hội đồng Thi đua, khen thưởng bỏ phiếu (từ %d %% số thành viên): chọn Hội đồng"
	msgNomineeKind        = "Loại đối tượng phải là “person”, “area” hoặc “collective”"
	msgKindNotAccepted    = "%s không tặng cho %s"
	msgPersonRequired     = "Chọn người được đề nghị"
	msgUnitRequired       = "Chọn tập thể, khu dân cư được đề nghị"
	msgAchievementTooLong = "Thành tích dài quá 1000 ký tự"

	msgNotRecognised = "%s chưa được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm %d: không đáp ứng điều kiện “%s”"
	msgServiceYears  = "%s có %d năm tham gia, không đáp ứng điều kiện “%s” (cần %d năm đối với %s)"
	msgNoVote        = "%s chưa có kết quả bỏ phiếu của Hội đồng (cần từ %d %% tổng số thành viên đồng ý)"
	msgVoteShort     = "%s được %d/%d thành viên Hội đồng đồng ý (%d %%), chưa đạt tỷ lệ từ %d %% tổng số thành viên để đề nghị %s"
)
