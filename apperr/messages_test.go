package apperr

import (
	"errors"
	"testing"
)

func TestDefaultMessage(t *testing.T) {
	tests := []struct {
		code Code
		want string
	}{
		{Invalid, "Dữ liệu chưa hợp lệ, xin kiểm tra các trường được đánh dấu."},
		{TooLarge, "Dữ liệu gửi lên quá lớn."},
		{Internal, "Lỗi hệ thống, xin thử lại sau."},
		{StorageFull, "Bộ nhớ lưu trữ của máy chủ đã đầy nên chưa ghi được dữ liệu; xin báo quản trị hệ thống. Việc xem và tải văn bản vẫn dùng được."},
		{Unauthenticated, "Bạn cần đăng nhập để tiếp tục."},
		{Forbidden, "Bạn không có quyền thực hiện thao tác này."},
		{Unavailable, "Chức năng này tạm thời không dùng được, xin thử lại sau."},
		{NotFound, ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.code), func(t *testing.T) {
			if got := DefaultMessage(tt.code); got != tt.want {
				t.Errorf("DefaultMessage(%s) = %q, want %q", tt.code, got, tt.want)
			}
			if e := Of(tt.code); e.Code != tt.code || e.Message != tt.want {
				t.Errorf("Of(%s) = %+v", tt.code, e)
			}
		})
	}
	if e := As(errors.New("boom")); e.Code != Internal || e.Message != DefaultMessage(Internal) {
		t.Errorf("As(unknown) = %+v, want Internal with the default message", e)
	}
	if e := InvalidFields(map[string]string{"f": "x"}); e.Message != DefaultMessage(Invalid) {
		t.Errorf("InvalidFields message = %q", e.Message)
	}
}
