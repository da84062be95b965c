package httpapi

import (
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"vanthu/register"
)

// TestSendDocument checks that splicing the stored JSON gives what encoding the whole
// document would.
func TestSendDocument(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	issued := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	for _, d := range []register.Document{
		{ID: 7, FormID: "cong-van", Status: register.Issued, Data: json.RawMessage(`{"trich_yeu":"Về việc <a> & \"b\""}`),
			Recipients: json.RawMessage(`{"kinh_gui":["Sở Nội vụ"]}`), Number: 5, IssuedAt: &issued, SHA256: "ab"},
		{ID: 8, FormID: "cong-van", Status: register.Draft},
	} {
		w := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(w)
		sendDocument(c, 201, d)
		var got, want map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("%s: %v", w.Body.String(), err)
		}
		full, _ := json.Marshal(d)
		if err := json.Unmarshal(full, &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || w.Code != 201 {
			t.Errorf("spliced %s\nwant     %s", w.Body.String(), full)
		}
	}
}
