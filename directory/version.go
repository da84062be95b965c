package directory

import (
	"fmt"

	"vanthu/apperr"
)

// msgStaleVersion tells the user an import was built on a directory that has changed since.
const msgStaleVersion = "Danh mục đã được thay đổi ở nơi khác sau khi bản nhập này được lập (bản nhập dựa trên phiên bản %d, danh mục hiện là phiên bản %d); hãy tải danh mục mới về rồi nhập lại."

// StaleVersion is the Conflict returned when a replacement of the directory was built on
// version basedOn while the directory is at version current: applying it would undo the
// changes made in between.
func StaleVersion(basedOn, current int64) error {
	return apperr.New(apperr.Conflict, fmt.Sprintf(msgStaleVersion, basedOn, current))
}

// msgStaleEdit tells the user an edit of one unit was made on a page showing an older
// directory: what they typed is kept, the page now shows the unit as it is.
const msgStaleEdit = "Danh mục đã được thay đổi ở nơi khác sau khi trang này được mở (trang dựa trên phiên bản %d, danh mục hiện là phiên bản %d), nên chưa lưu gì. Thông tin hiện tại của đơn vị ở trên, những gì bạn nhập vẫn ở dưới: xem lại rồi bấm Lưu lần nữa."

// StaleEdit is the Conflict returned when an edit of one unit was made on version basedOn
// while the directory is at version current.
func StaleEdit(basedOn, current int64) error {
	return apperr.New(apperr.Conflict, fmt.Sprintf(msgStaleEdit, basedOn, current))
}
