package register

// Messages shown to the user about a document, for every layer that checks it.
const (
	MsgIssuedFrozen     = "Văn bản đã ban hành, không thể sửa; hãy ban hành công văn đính chính."
	MsgAlreadyIssued    = "Văn bản đã ban hành, không thể ban hành lại."
	MsgDocumentNotFound = "Không tìm thấy văn bản."

	MsgDateImplausible    = "%s: ngày %s không hợp lệ; văn bản chỉ mang ngày từ 01/01/1945 đến %s."
	MsgDateNotToday       = "%s phải là ngày cấp số, hôm nay %s; không ghi lùi hay ghi trước ngày (%s)."
	MsgDateOutsideWindow  = "%s phải trong khoảng từ %s đến %s; không nhận ngày %s."
	MsgDateBeforePrevious = "Ngày %s sớm hơn ngày %s của văn bản số %s trong cùng sổ: số sau không được mang ngày sớm hơn số trước."
)
