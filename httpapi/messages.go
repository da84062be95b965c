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
	msgSearchTextLength = "Nội dung tìm không được dài quá %d ký tự."

	msgUnreadableMultipart = "Không đọc được nội dung multipart/form-data."
	msgUnreadableFile      = "Không đọc được tệp gửi lên."
	msgRegistrationField   = "Trường %q không được hỗ trợ; dùng registered_on, note và các tệp nghi-quyet, ke-hoach, ban-dang-ky, khac."
	msgTooManyFiles        = "Mỗi lần đăng ký gửi tối đa %d tệp."
	msgVersionRequired     = "Phiên bản là trường bắt buộc: gửi lại phiên bản đã mở (0 với phiếu mới)."
	msgBundle              = "Cách gói chỉ nhận \"zip\" (một tệp .docx cho mỗi Giấy công nhận), \"docx\" (một tệp .docx nhiều trang, mỗi Giấy công nhận một trang) hoặc để trống."
	msgNoneRecognised      = "Không có đối tượng nào được công nhận trong đợt xét (với các loại đã chọn) để in Giấy công nhận."
	// certificateLine is what a Giấy công nhận certifies.
	certificateLine = "Đạt tiêu chuẩn “An toàn về an ninh, trật tự” năm %d"
	msgBadIfMatch   = "Tiêu đề If-Match phải là phiên bản danh mục nhận được trong ETag khi tải danh mục về, ví dụ \"7\"."
)

// Labels of the query parameters, as messages name them.
const (
	labelYear       = "Năm"
	labelNumberFrom = "Từ số"
	labelNumberTo   = "Đến số"
	labelLimit      = "Số dòng"
	labelOffset     = "Vị trí bắt đầu"
	labelBefore     = "Số thứ tự dòng"
)

// Messages of signing in and of the CSRF check.
const (
	msgCSRF    = "Yêu cầu thiếu hoặc sai mã chống giả mạo (X-CSRF-Token); hãy tải lại trang và thử lại."
	msgBadTime = "Thời điểm phải viết theo dạng 2026-03-05 hoặc 2026-03-05T10:00:00+07:00."
)
