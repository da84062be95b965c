package secretariat

// The messages the secretariat shows, in one place; messages about a document's status are
// register's (register.MsgIssuedFrozen, register.MsgAlreadyIssued).
const (
	msgNoSuchForm       = "Không có biểu mẫu %q."
	msgNoSuchUnit       = "Không có đơn vị %q trong danh bạ."
	msgRegisterIssuer   = "Chọn cơ quan có sổ đăng ký cần xem."
	msgDocumentsIssuer  = "Chọn cơ quan có văn bản cần xem (tham số issuer)."
	msgCannotMap        = "Không tạo được văn bản từ dữ liệu đã nhập."
	msgRenderFailed     = "Không tạo được tệp văn bản."
	msgBlankFailed      = "Không tạo được mẫu trống."
	msgSaveData         = "Không lưu được dữ liệu."
	msgSaveRecipient    = "Không lưu được nơi nhận."
	msgStoredData       = "Dữ liệu văn bản đã lưu bị hỏng."
	msgStoredRecip      = "Nơi nhận đã lưu bị hỏng."
	msgIssuerLocality   = "Đơn vị %q là một địa bàn hành chính, không phải cơ quan: không ban hành văn bản."
	msgIssuerKind       = "Đơn vị %q (loại %s) không được ban hành %s; chỉ các đơn vị loại: %s."
	msgUnnumberedForm   = "%s không cấp số, không vào sổ văn bản đi: xem trước hoặc lưu dự thảo để in và ký."
	msgIssuerNoSymbol   = "Đơn vị %q chưa có chữ viết tắt (short_name) để ghi ký hiệu văn bản, nên chưa thể cấp số."
	msgIssuerFixed      = "Không đổi được cơ quan ban hành của dự thảo (%q); hãy tạo dự thảo mới."
	msgCorrectionIssuer = "Văn bản đính chính phải do chính cơ quan đã ban hành văn bản số %s (%q) ban hành."
	msgTooManyLines     = "%s có quá %d dòng."
	msgLineTooLong      = "%s: dòng %d dài quá %d ký tự, xin rút gọn."
	msgArchiveTooLong   = "Dòng Lưu dài quá %d ký tự, xin rút gọn."
	msgTooManyExpand    = "Chỉ được chọn mở rộng tối đa %d mục."
	msgNoRecipient      = "Công văn phải có ít nhất một nơi nhận: một dòng Kính gửi hoặc một dòng Nơi nhận."
	msgEmptyBatch       = "Không có văn bản nào để gộp vào một tệp."
)

// Labels of the recipient lists, as messages name them.
const (
	labelKinhGui   = "Kính gửi"
	labelNoiNhan   = "Nơi nhận"
	labelIssueDate = "Ngày tháng"
)
