package register

// Messages shown to the user about a document, for every layer that checks it.
const (
	MsgIssuedFrozen     = "Văn bản đã ban hành, không thể sửa; hãy ban hành công văn đính chính."
	MsgAlreadyIssued    = "Văn bản đã ban hành, không thể ban hành lại."
	MsgDocumentNotFound = "Không tìm thấy văn bản."
)
