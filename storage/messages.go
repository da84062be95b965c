package storage

// The messages storage shows, in one place; messages about a document's status are
// register's (register.MsgIssuedFrozen, register.MsgAlreadyIssued, MsgDocumentNotFound).
const (
	msgInternal      = "Lỗi cơ sở dữ liệu, xin thử lại sau."
	msgNoFile        = "Văn bản chưa ban hành nên chưa có tệp."
	msgRenderFailed  = "Không tạo được tệp văn bản để ban hành."
	msgNotInRegister = "Không tìm thấy văn bản trong sổ đăng ký văn bản đi."

	msgCorrectsItself    = "Văn bản không thể đính chính chính nó."
	msgCorrectsDraft     = "Văn bản được đính chính phải là văn bản đã ban hành."
	msgNoForm            = "Chưa chọn biểu mẫu."
	msgNoIssuer          = "Chưa chọn cơ quan ban hành."
	msgUnknownIssuer     = "Cơ quan ban hành không có trong danh mục."
	msgDataNotJSON       = "Dữ liệu văn bản không đúng định dạng JSON."
	msgRecipientsNotJSON = "Danh sách nơi nhận không đúng định dạng JSON."
	msgUnknownAuthority  = "Đơn vị %q không có trong danh bạ."

	msgUserNotFound    = "Không tìm thấy người dùng."
	msgLoginTaken      = "Tên đăng nhập này đã có người dùng."
	msgTokenNotFound   = "Không tìm thấy mã truy cập (token)."
	msgSessionNotFound = "Không tìm thấy phiên làm việc."
)
