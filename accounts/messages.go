package accounts

// Messages shown to users.
const (
	msgBadCredentials = "Tên đăng nhập hoặc mật khẩu không đúng."
	msgLocked         = "Đăng nhập sai nhiều lần; xin thử lại sau %d giây."
	msgWrongPassword  = "Mật khẩu hiện tại không đúng."
	msgTokenName      = "Hãy đặt tên cho mã truy cập (token), ví dụ tên chương trình dùng nó."
	msgTokenWider     = "Mã truy cập chỉ được mang các vai trò trong phạm vi của chủ sở hữu."
	msgTokenExpiry    = "Thời hạn của mã truy cập phải từ 1 đến 365 ngày."
	msgGrantOutside   = "Bạn chỉ được giao vai trò trong phạm vi đơn vị mình quản trị: %q nằm ngoài phạm vi."
	msgUnknownUnit    = "Đơn vị %q không có trong danh mục."
	msgNoGrant        = "Người dùng cần ít nhất một vai trò."
	msgName           = "Hãy nhập họ và tên."
	msgNameLong       = "Họ và tên dài quá %d ký tự."
	msgSelf           = "Không thể tự khoá tài khoản của mình."
	msgNoSession      = "Yêu cầu này chỉ dùng được khi đăng nhập bằng trình duyệt."
	msgUserNotFound   = "Không tìm thấy người dùng."
)
