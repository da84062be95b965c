package records

// Vietnamese messages of the package, in one place.
const (
	msgNoSuchUnit       = "Không có đơn vị %q trong danh bạ"
	msgAreaTwice        = "Thôn, tổ dân phố %q được ghi hai lần"
	msgNotAVillage      = "Đơn vị %q không phải thôn, tổ dân phố"
	msgNoProvince       = "Đơn vị %q không thuộc tỉnh nào trong danh bạ"
	msgNoSuchRules      = "Không có quy định thành phần cho loại tổ chức %q"
	msgNoDecisionForm   = "%s không có mẫu quyết định thành lập, kiện toàn"
	msgEmptyComposition = "%s chưa có thành viên vào ngày %s"
	msgProposalRequired = "Ghi cơ quan, người đề nghị (“Theo đề nghị của …”)"
	msgSignerRequired   = "Họ và tên người ký là trường bắt buộc"
	msgNoAuthority      = "Không tìm thấy trong danh bạ cơ quan có thẩm quyền tặng %s cho %s (%s)"
	msgNotACouncil      = "Tổ chức được chọn không phải Hội đồng Thi đua, khen thưởng"
	msgNomineeTwice     = "%s đã có trong đề nghị"
	msgNoEligible       = "Không có tập thể, cá nhân nào đủ điều kiện để đề nghị"
	msgNoVotes          = "Hội đồng chưa bỏ phiếu: nhập kết quả bỏ phiếu trước khi lập biên bản"
	msgNoCouncil        = "Đề nghị này không có Hội đồng Thi đua, khen thưởng bỏ phiếu"
	msgInFavourTooMany  = "Số phiếu đồng ý (%d) lớn hơn số thành viên Hội đồng vào ngày họp (%d)"
	msgInFavourNegative = "Số phiếu đồng ý không được âm"
	msgCouncilEmpty     = "Hội đồng chưa có thành viên vào ngày họp %s"
	msgNoChair          = "Hội đồng không có Chủ tịch Hội đồng vào ngày họp"
	msgNoSecretary      = "Hội đồng không có Thư ký Hội đồng vào ngày họp: ghi họ tên thư ký"
	msgAbsentNotMember  = "Người %d không phải thành viên Hội đồng vào ngày họp"
	msgYear             = "Năm không hợp lệ"
	msgAlreadyAwarded   = "Đề nghị này đã có quyết định khen thưởng"
	msgVoteNomineeTwice = "Đối tượng %d có hai kết quả bỏ phiếu"
	// MsgNoSuchPerson is also the answer about a person outside the actor's scope, whose
	// record is personal data: its existence is not revealed.
	MsgNoSuchPerson = "Không có người này trong hồ sơ."
)
