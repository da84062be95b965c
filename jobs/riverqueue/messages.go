package riverqueue

// The messages jobs shows, in one place.
const (
	msgNoSuchJob       = "Không có công việc này."
	msgNoResult        = "Công việc chưa xong nên chưa có kết quả để tải."
	msgNoDocuments     = "Chưa chọn văn bản nào: cho danh sách ids, hoặc issuer_id và year."
	msgTooMany         = "Một lần chỉ xuất được tối đa %d văn bản."
	msgYearNeedsIssuer = "Cần cho cả issuer_id và year."
	msgNotIssued       = "Văn bản số %d chưa ban hành nên chưa có bản PDF lưu trữ."
	msgNotCancellable  = "Công việc đã kết thúc, không hủy được nữa."
)
