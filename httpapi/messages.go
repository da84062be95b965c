package httpapi

// The messages the HTTP layer shows, in one place. Messages of the codes that have a default
// (TooLarge, Internal, Unauthenticated, Forbidden) come from apperr.DefaultMessage.
const (
	msgNoSuchUnit       = "Không có đơn vị này trong danh bạ."
	msgNoSuchRoute      = "Không có địa chỉ này."
	msgMethodNotAllowed = "Phương thức không được hỗ trợ cho địa chỉ này."
	msgBadStatus        = "Trạng thái phải là draft hoặc issued."
	msgUnreadableBody   = "Không đọc được nội dung yêu cầu."
	msgBadJSONAt        = "Nội dung gửi lên không phải JSON hợp lệ (lỗi ở ký tự thứ %d)."
	msgBadJSON          = "Nội dung gửi lên không phải JSON hợp lệ."
	msgWrongType        = "Trường %q có kiểu dữ liệu không đúng."
	msgDataNotObject    = "Dữ liệu biểu mẫu (data) phải là một đối tượng JSON: mỗi trường một cặp tên và giá trị."
	msgBodyNotObject    = "Dữ liệu gửi lên phải là một đối tượng JSON ({…}), không phải danh sách hay giá trị đơn."
	msgUnknownField     = "Trường %s không được hỗ trợ."
	msgNoJSON           = "Thiếu nội dung JSON trong yêu cầu."
	msgTrailingJSON     = "Nội dung gửi lên có dữ liệu thừa sau đối tượng JSON."
	msgIntRange         = "%s phải là số nguyên từ 0 đến %d."
)

// Labels of the query parameters, as messages name them.
const (
	labelYear   = "Năm"
	labelLimit  = "Số dòng"
	labelOffset = "Vị trí bắt đầu"
)
