package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
)

// TestFail checks the one table from codes to statuses and what the client reads.
func TestFail(t *testing.T) {
	gin.SetMode(gin.TestMode)
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tests := []struct {
		name    string
		err     error
		status  int
		code    apperr.Code
		message string
		// level is the level the failure is logged at, "" for not logged.
		level string
	}{
		{"invalid", apperr.InvalidFields(map[string]string{"f": "x"}), 422, apperr.Invalid, "Dữ liệu chưa hợp lệ, xin kiểm tra các trường được đánh dấu.", ""},
		{"not found", apperr.New(apperr.NotFound, "Không có."), 404, apperr.NotFound, "Không có.", ""},
		{"conflict", apperr.New(apperr.Conflict, "Đã có."), 409, apperr.Conflict, "Đã có.", ""},
		{"bad input", apperr.New(apperr.BadInput, "Hỏng."), 400, apperr.BadInput, "Hỏng.", ""},
		{"too large", apperr.Of(apperr.TooLarge), 413, apperr.TooLarge, "Dữ liệu gửi lên quá lớn.", ""},
		{"body over the limit", &http.MaxBytesError{Limit: 1}, 413, apperr.TooLarge, "Dữ liệu gửi lên quá lớn.", "INFO"},
		{"unauthenticated", apperr.Of(apperr.Unauthenticated), 401, apperr.Unauthenticated, "Bạn cần đăng nhập để tiếp tục.", ""},
		{"forbidden", apperr.Of(apperr.Forbidden), 403, apperr.Forbidden, "Bạn không có quyền thực hiện thao tác này.", ""},
		{"storage full", apperr.Of(apperr.StorageFull), 503, apperr.StorageFull, apperr.DefaultMessage(apperr.StorageFull), "WARN"},
		{"no LibreOffice", apperr.New(apperr.Unavailable, "Máy chủ chưa cài LibreOffice."), 503, apperr.Unavailable, "Máy chủ chưa cài LibreOffice.", "WARN"},
		{"unknown error", errors.New("disk on fire"), 500, apperr.Internal, "Lỗi hệ thống, xin thử lại sau.", "ERROR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			c, _ := gin.CreateTestContext(w)
			c.Request = httptest.NewRequest(http.MethodGet, "/api/x", nil)
			logged.Reset()
			fail(c, log, tt.err)
			if level := logLevel(logged.String()); level != tt.level {
				t.Errorf("fail(%v) logs at %q, want %q: %s", tt.err, level, tt.level, logged.String())
			}
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

// logLevel is the level of a slog text line, "" for none.
func logLevel(line string) string {
	_, after, ok := strings.Cut(line, "level=")
	if !ok {
		return ""
	}
	level, _, _ := strings.Cut(after, " ")
	return level
}
