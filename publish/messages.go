package publish

// The messages publish shows, in one place.
const (
	msgNoLibreOffice = "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; các chức năng khác vẫn dùng bình thường."
	msgNotIssued     = "Văn bản số %d chưa ban hành nên chưa có bản PDF lưu trữ."
	msgSignReason    = "Ký ban hành văn bản số %s"
	msgTimeout       = "Chuyển văn bản sang PDF quá thời gian cho phép, xin thử lại sau."
)
