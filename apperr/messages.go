package apperr

// defaultMessages are the Vietnamese messages of the codes whose errors usually have
// nothing more precise to say; they are written here once for every layer.
var defaultMessages = map[Code]string{
	Invalid:         "Dữ liệu chưa hợp lệ, xin kiểm tra các trường được đánh dấu.",
	TooLarge:        "Dữ liệu gửi lên quá lớn.",
	Internal:        "Lỗi hệ thống, xin thử lại sau.",
	StorageFull:     "Bộ nhớ lưu trữ của máy chủ đã đầy nên chưa ghi được dữ liệu; xin báo quản trị hệ thống. Việc xem và tải văn bản vẫn dùng được.",
	Unauthenticated: "Bạn cần đăng nhập để tiếp tục.",
	Forbidden:       "Bạn không có quyền thực hiện thao tác này.",
	Unavailable:     "Chức năng này tạm thời không dùng được, xin thử lại sau.",
}

// DefaultMessage returns the message shown for an error of code that carries no message of
// its own, or "" when the code has none (NotFound, Conflict and BadInput always say what).
func DefaultMessage(code Code) string { return defaultMessages[code] }

// Of returns an error of code with its default message.
func Of(code Code) *Error { return New(code, DefaultMessage(code)) }
