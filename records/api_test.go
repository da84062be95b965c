package records_test

import (
	"strconv"
	"strings"
	"testing"

	"vanthu/internal/apptest"
)

// The record routes answer faulty requests with the one error shape: a status, a code and
// Vietnamese messages naming the field.
func TestRecordRoutesRefuse(t *testing.T) {
	a := apptest.NewSQLite(t)
	team := newBody(t, a, body{Kind: "to-bao-ve-antt", UnitID: "ubnd-xa-dong-tien", Name: "Tổ bảo vệ an ninh, trật tự thôn Phù Lưu", Areas: []string{"thon-phu-luu"}})
	tests := []struct {
		name, method, path string
		body               any
		status             int
		code               string
		field, has         string // a field of the error and words of its message
	}{
		{"unknown person", "GET", "/api/people/999", nil, 404, "not_found", "", ""},
		{"person id not a number", "GET", "/api/people/abc", nil, 404, "not_found", "", ""},
		{"person without name", "POST", "/api/people", map[string]any{"gender": "nam", "birth_year": 1980}, 422, "invalid", "name", "Họ và tên"},
		{"person of an unknown unit", "POST", "/api/people", map[string]any{"name": "A", "gender": "nu", "birth_year": 1980, "unit_id": "khong-co"}, 422, "invalid", "unit_id", "khong-co"},
		{"person with an unknown field", "POST", "/api/people", map[string]any{"ten": "A"}, 400, "bad_input", "", ""},
		{"body of an unknown kind", "POST", "/api/bodies", map[string]any{"kind": "doi", "unit_id": "ubnd-xa-dong-tien", "name": "X"}, 422, "invalid", "kind", "doi"},
		{"team without area", "POST", "/api/bodies", map[string]any{"kind": "to-bao-ve-antt", "unit_id": "ubnd-xa-dong-tien", "name": "Tổ"}, 422, "invalid", "areas", "ít nhất một thôn"},
		{"team over a commune, not a village", "POST", "/api/bodies", map[string]any{"kind": "to-bao-ve-antt", "unit_id": "ubnd-xa-dong-tien", "name": "Tổ", "areas": []string{"xa-dong-tien"}}, 422, "invalid", "areas[0]", "không phải thôn"},
		{"unknown body", "GET", "/api/bodies/999/composition", nil, 404, "not_found", "", ""},
		{"bad composition date", "GET", "/api/bodies/" + itoa(team) + "/composition?date=32/13/2025", nil, 422, "invalid", "date", "không hợp lệ"},
		{"join an unknown person", "POST", "/api/bodies/" + itoa(team) + "/changes", map[string]any{"date": "2025-07-15",
			"join": []map[string]any{{"person_id": 98, "role": "Tổ trưởng"}, {"person_id": 99, "role": "Tổ phó"}, {"person_id": 97, "role": "Tổ viên"}}}, 422, "invalid", "join[0].person_id", "Không có người"},
		{"decision of an empty team", "POST", "/api/bodies/" + itoa(team) + "/decision", map[string]any{"date": "2025-07-20", "signer": map[string]any{"name": "A"}}, 422, "invalid", "date", "chưa có thành viên"},
		{"decision without signer", "POST", "/api/bodies/" + itoa(team) + "/decision", map[string]any{"date": "2025-07-20"}, 422, "invalid", "signer.name", "người ký"},
		{"unknown award", "GET", "/api/awards/huan-chuong", nil, 404, "not_found", "", ""},
		{"proposal for an unknown award", "POST", "/api/proposals", map[string]any{"award_id": "x", "year": 2025, "proposer_id": "cong-an-xa-dong-tien", "movement": "m", "summary": "s"}, 422, "invalid", "award_id", "Không có hình thức"},
		{"proposal from nowhere", "POST", "/api/proposals", map[string]any{"award_id": "giay-khen-chu-tich-ubnd-xa", "year": 2025, "proposer_id": "viet-nam", "movement": "m", "summary": "s"}, 422, "invalid", "award_id", "Không tìm thấy trong danh bạ cơ quan có thẩm quyền"},
		{"proposal with a team as council", "POST", "/api/proposals", map[string]any{"award_id": "chien-si-thi-dua-co-so", "year": 2025, "proposer_id": "cong-an-xa-dong-tien", "council_id": team, "movement": "m", "summary": "s"}, 422, "invalid", "council_id", "không phải Hội đồng"},
		{"unknown proposal", "GET", "/api/proposals/999/eligibility", nil, 404, "not_found", "", ""},
		{"recognition of a commune", "PUT", "/api/recognitions/2025", map[string]any{"units": []string{"xa-dong-tien"}}, 422, "invalid", "units[0]", "không phải thôn"},
		{"recognition year out of range", "GET", "/api/recognitions/1990", nil, 422, "invalid", "year", "2000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e apiError
			call(t, a, tt.method, tt.path, tt.body, tt.status, &e)
			if e.Code != tt.code || e.Message == "" {
				t.Errorf("error %+v, want code %s", e, tt.code)
			}
			if tt.field != "" && !strings.Contains(e.Fields[tt.field], tt.has) {
				t.Errorf("field %s: %q, want %q (fields %v)", tt.field, e.Fields[tt.field], tt.has, e.Fields)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
