package httpapi

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
)

// TestFail checks the one table from codes to statuses and what the client reads.
func TestFail(t *testing.T) {
	gin.SetMode(gin.TestMode)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	tests := []struct {
		name    string
		err     error
		status  int
		code    apperr.Code
		message string
	}{
		{"invalid", apperr.InvalidFields(map[string]string{"f": "x"}), 422, apperr.Invalid, "Dữ liệu chưa hợp lệ, xin kiểm tra các trường được đánh dấu."},
		{"not found", apperr.New(apperr.NotFound, "Không có."), 404, apperr.NotFound, "Không có."},
		{"conflict", apperr.New(apperr.Conflict, "Đã có."), 409, apperr.Conflict, "Đã có."},
		{"bad input", apperr.New(apperr.BadInput, "Hỏng."), 400, apperr.BadInput, "Hỏng."},
		{"too large", apperr.Of(apperr.TooLarge), 413, apperr.TooLarge, "Dữ liệu gửi lên quá lớn."},
		{"body over the limit", &http.MaxBytesError{Limit: 1}, 413, apperr.TooLarge, "Dữ liệu gửi lên quá lớn."},
		{"unauthenticated", apperr.Of(apperr.Unauthenticated), 401, apperr.Unauthenticated, "Bạn cần đăng nhập để tiếp tục."},
		{"forbidden", apperr.Of(apperr.Forbidden), 403, apperr.Forbidden, "Bạn không có quyền thực hiện thao tác này."},
		{"storage full", apperr.Of(apperr.StorageFull), 503, apperr.StorageFull, apperr.DefaultMessage(apperr.StorageFull)},
		{"unknown error", errors.New("disk on fire"), 500, apperr.Internal, "Lỗi hệ thống, xin thử lại sau."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(w)
			c.Request = httptest.NewRequest(http.MethodGet, "/api/x", nil)
			fail(c, log, tt.err)
			var body errorBody
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("body %q: %v", w.Body.String(), err)
			}
			if w.Code != tt.status || body.Code != tt.code || body.Message != tt.message {
				t.Errorf("fail(%v) = %d %s %q, want %d %s %q", tt.err, w.Code, body.Code, body.Message, tt.status, tt.code, tt.message)
			}
		})
	}
}
