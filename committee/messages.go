package committee

// Vietnamese messages of the package, in one place.
const (
	msgNameRequired    = "Họ và tên là trường bắt buộc"
	msgNameTooLong     = "Họ và tên dài quá 100 ký tự"
	msgGender          = "Giới tính phải là “nam” hoặc “nu”"
	msgBirthYear       = "Năm sinh phải từ 1900 đến %d"
	msgPositionTooLong = "Chức vụ dài quá 200 ký tự"
	msgAddressTooLong  = "Địa chỉ dài quá 300 ký tự"

	msgBodyKind       = "Loại tổ chức %q không có trong quy định thành phần"
	msgBodyName       = "Tên tổ chức là trường bắt buộc"
	msgBodyUnit       = "Đơn vị là trường bắt buộc"
	msgAreasForTeam   = "Tổ phải phụ trách ít nhất một thôn, tổ dân phố"
	msgDate           = "Ngày không hợp lệ (dạng 2025-07-01 hoặc 01/07/2025)"
	msgRoleUnknown    = "Chức danh %q không có trong %s (có: %s)"
	msgJoinTwice      = "Người %d có hai chức danh trong cùng một thay đổi"
	msgLeaveNotMember = "Người %d không phải thành viên đang làm việc vào ngày %s"
	msgNoChange       = "Thay đổi không có người vào hay ra"
	msgBeforeLast     = "Ngày thay đổi %s trước lần thay đổi gần nhất (%s): thành phần ở quá khứ không được sửa"
	msgEmptyDate      = "Ngày thay đổi là trường bắt buộc"

	msgRoleMin     = "%s phải có ít nhất %d %s; sau thay đổi có %d (%s)"
	msgRoleExactly = "%s phải có đúng %d %s; sau thay đổi có %d (%s)"
	msgRoleMax     = "%s có nhiều nhất %d %s; sau thay đổi có %d (%s)"
	msgSize        = "%s phụ trách %s có %d thành viên theo quy định; sau thay đổi có %d (%s)"
)
