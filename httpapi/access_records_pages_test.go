package httpapi_test

import (
	"fmt"

	"vanthu/access"
)

// recordPageRules are the access rules of the pages of people, bodies and commendation
// (web/records.go, web/commendation.go): the permissions of the records' API routes they
// share a service method with, on the cycle fixture's records of scopedUnit.
var recordPageRules = map[string]rule{
	"GET /to-chuc":       {perm: access.CommitteeRead, target: onAnyUnit, page: true, request: path("/to-chuc"), leak: "Nguyễn Văn An"},
	"GET /to-chuc/nguoi": {perm: access.CommitteeRead, target: onScopedUnit, page: true, request: path("/to-chuc/nguoi?unit=" + scopedUnit)},
	"POST /to-chuc/nguoi": {perm: access.CommitteeWrite, target: onScopedUnit, page: true, request: func(*fixture) (string, string) {
		return "/to-chuc/nguoi", "unit_id=" + scopedUnit + "&name=L%C3%AA+Th%E1%BB%8B+B%C3%ACnh&gender=nu&birth_year=1985"
	}},
	"GET /to-chuc/nguoi/:id": {perm: access.CommitteeRead, target: onScopedUnit, hides: true, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/to-chuc/nguoi/%d", f.cycle.person), ""
	}},
	"POST /to-chuc/nguoi/:id": {perm: access.CommitteeWrite, target: onScopedUnit, hides: true, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/to-chuc/nguoi/%d", f.cycle.person), "unit_id=" + scopedUnit + "&name=Nguy%E1%BB%85n+V%C4%83n+An&gender=nam&birth_year=1980"
	}},
	"POST /to-chuc/ban": {perm: access.CommitteeWrite, target: onScopedUnit, page: true, request: func(*fixture) (string, string) {
		return "/to-chuc/ban", "kind=to-bao-ve-antt&unit_id=" + scopedUnit + "&name=T%E1%BB%95+b%E1%BA%A3o+v%E1%BB%87&areas=thon-trieu-xa"
	}},
	"GET /to-chuc/ban/:id": {perm: access.CommitteeRead, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/to-chuc/ban/%d", f.cycle.team), ""
	}},
	"POST /to-chuc/ban/:id/thay-doi": {perm: access.CommitteeWrite, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		// One Tổ viên alone breaks the team's rules: an allowed caller is answered 422.
		return fmt.Sprintf("/to-chuc/ban/%d/thay-doi", f.cycle.team), fmt.Sprintf("date=2025-07-15&j.0.person=%d&j.0.role=T%%E1%%BB%%95+vi%%C3%%AAn", f.cycle.person)
	}},
	"POST /to-chuc/ban/:id/quyet-dinh": {perm: access.CommitteeWrite, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/to-chuc/ban/%d/quyet-dinh", f.cycle.team), "date=2025-07-20&signer=L%C3%AA+V%C4%83n+C%C6%B0%E1%BB%9Dng"
	}},

	"GET /khen-thuong": {perm: access.CommendationRead, target: onAnyUnit, page: true, request: path("/khen-thuong?nam=2025"), leak: "Ủy ban nhân dân xã Đông Tiến"},
	"POST /khen-thuong": {perm: access.CommendationPropose, target: onScopedUnit, page: true, request: func(*fixture) (string, string) {
		return "/khen-thuong", "award_id=giay-khen-chu-tich-ubnd-xa&year=2025&proposer_id=" + scopedUnit + "&movement=phong+tr%C3%A0o&summary=T%E1%BA%ADp+th%E1%BB%83"
	}},
	"GET /khen-thuong/:id": {perm: access.CommendationRead, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/khen-thuong/%d", f.cycle.proposal), ""
	}},
	"POST /khen-thuong/:id/de-cu": {perm: access.CommendationPropose, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/khen-thuong/%d/de-cu", f.cycle.proposal), "kind=collective&unit_id=cty-may-dong-tien&achievement=Th%C3%A0nh+t%C3%ADch"
	}},
	"POST /khen-thuong/:id/bieu-quyet": {perm: access.CommendationVote, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/khen-thuong/%d/bieu-quyet", f.cycle.proposal), "meeting_date=2025-11-20"
	}},
	"POST /khen-thuong/:id/to-trinh": {perm: access.CommendationPropose, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/khen-thuong/%d/to-trinh", f.cycle.proposal), "signer=L%C3%AA+V%C4%83n+C%C6%B0%E1%BB%9Dng"
	}},
	"POST /khen-thuong/:id/bien-ban": {perm: access.CommendationVote, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/khen-thuong/%d/bien-ban", f.cycle.proposal), "place=H%E1%BB%99i+tr%C6%B0%E1%BB%9Dng"
	}},
	"POST /khen-thuong/:id/bao-cao": {perm: access.CommendationPropose, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/khen-thuong/%d/bao-cao", f.cycle.proposal), "date=2025-11-25"
	}},
	"POST /khen-thuong/:id/quyet-dinh": {perm: access.CommendationGrant, target: onScopedUnit, page: true, request: func(f *fixture) (string, string) {
		return fmt.Sprintf("/khen-thuong/%d/quyet-dinh", f.cycle.proposal), "date=2025-12-01&signer=L%C3%AA+V%C4%83n+C%C6%B0%E1%BB%9Dng"
	}},
}
