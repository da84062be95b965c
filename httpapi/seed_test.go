package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"vanthu/directory"
	"vanthu/forms"
	"vanthu/generator"
	"vanthu/internal/apptest"
	"vanthu/register"
)

// seedText is the model document, dispatch 1028/UBND-NC of 01/02/2016 of UBND tỉnh Thanh
// Hoá, as text extracted from the PDF (one blank line between paragraphs).
const seedText = "testdata/seed-1028-UBND-NC.txt"

// seedDispatch is what the seed text says, read from it.
type seedDispatch struct {
	kinhGui, noiNhan []string
	archive          string
	body             []string
}

// readSeed reads the Kính gửi, the body paragraphs and the Nơi nhận of the seed text.
func readSeed(t *testing.T) seedDispatch {
	t.Helper()
	raw := string(apptest.ReadFile(t, "httpapi/"+seedText))
	var s seedDispatch
	item := func(line string) string {
		return strings.TrimRight(strings.TrimPrefix(line, "- "), ";.")
	}
	section := ""
	for _, para := range strings.Split(raw, "\n\n") {
		para = strings.TrimSpace(para)
		switch {
		case para == "":
		case para == "Kính gửi:":
			section = "kinh-gui"
		case para == "Nơi nhận:":
			section = "noi-nhan"
		case section == "kinh-gui" && strings.HasPrefix(para, "- "):
			for _, line := range strings.Split(para, "\n") {
				s.kinhGui = append(s.kinhGui, item(line))
			}
		case section == "kinh-gui" || section == "body":
			section = "body"
			s.body = append(s.body, para)
		case section == "noi-nhan" && strings.HasPrefix(para, "- "):
			for _, line := range strings.Split(para, "\n") {
				if a, ok := strings.CutPrefix(item(line), "Lưu: "); ok {
					s.archive = a
				} else {
					s.noiNhan = append(s.noiNhan, item(line))
				}
			}
			section = "signature"
		}
	}
	if len(s.kinhGui) != 2 || len(s.body) < 20 || len(s.noiNhan) != 6 || s.archive == "" {
		t.Fatalf("%s: read %d Kính gửi, %d body paragraphs, %d Nơi nhận, archive %q", seedText,
			len(s.kinhGui), len(s.body), len(s.noiNhan), s.archive)
	}
	return s
}

// TestSeedIssuedThroughAPI issues the seed dispatch through the API and checks that the
// stored file is, byte for byte, the engine's rendering of the same document built by hand
// from the form, the directory and the routing rule; and that it says what the seed says.
func TestSeedIssuedThroughAPI(t *testing.T) {
	data := apptest.LoadData(t)
	seed := readSeed(t)
	example := apptest.ReadFile(t, seedFile)
	// The scenarios' copy of the seed's lists must be the seed's.
	if !reflect.DeepEqual(seed.kinhGui, seedKinhGui) || seedSpelling.Replace(strings.Join(seed.noiNhan, "\n")) != strings.Join(seedNoiNhan, "\n") ||
		seed.archive != seedArchive {
		t.Fatalf("%s says Kính gửi %q, Nơi nhận %q, Lưu %q; the scenarios say %q, %q, %q", seedText,
			seed.kinhGui, seed.noiNhan, seed.archive, seedKinhGui, seedNoiNhan, seedArchive)
	}
	for _, backend := range apptest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			backend.SkipIfUnavailable(t)
			a := apptest.Start(t, data, backend.DSN(t))

			body := edit(t, string(example), func(m map[string]any) { m["issue"] = true })
			res := a.Do(t, "POST", "/api/documents", strings.NewReader(body), "Content-Type", "application/json")
			if res.Status != 201 {
				t.Fatalf("issue the seed: %d %s", res.Status, apptest.Excerpt(res.Body))
			}
			var issued register.Document
			res.JSON(t, &issued)
			if issued.Status != register.Issued || issued.Number != 1 || issued.Year != 2016 || issued.Symbol != "UBND-NC" {
				t.Fatalf("issued %s number %d/%d symbol %q", issued.Status, issued.Number, issued.Year, issued.Symbol)
			}
			file := a.Do(t, "GET", fmt.Sprintf("/api/documents/%d/docx", issued.ID), nil)
			if file.Status != 200 {
				t.Fatalf("download: %d %s", file.Status, apptest.Excerpt(file.Body))
			}

			want := renderSeed(t, data, example, issued.Number, seed)
			if !bytes.Equal(file.Body, want) {
				t.Errorf("the downloaded file (%d bytes) differs from the engine's rendering (%d bytes)%s",
					len(file.Body), len(want), partDiff(t, file.Body, want))
			}

			docx := apptest.OpenDocx(t, file.Body)
			for _, para := range seed.body {
				// The PDF breaks one paragraph across a page ("… Đề án 375," / "Chỉ thị 10; …"):
				// each piece must be inside one paragraph of the document.
				if !containsIn(docx.Paragraphs, para) {
					t.Errorf("no paragraph of the .docx holds the seed's paragraph %q", firstWords(para))
				}
			}
			lines := []string{"ỦY BAN NHÂN DÂN", "TỈNH THANH HOÁ", "Số: 01/UBND-NC",
				"Thanh Hoá, ngày 01 tháng 02 năm 2016", "CHỦ TỊCH", "Nguyễn Đình Xúng", "Nơi nhận:"}
			for _, item := range seed.noiNhan {
				lines = append(lines, "- "+seedSpelling.Replace(item)+";")
			}
			lines = append(lines, "- Lưu: "+seed.archive+".", "- "+seed.kinhGui[1]+".")
			for _, line := range lines {
				if !containsIn(docx.Paragraphs, line) {
					t.Errorf("no paragraph of the .docx holds %q", line)
				}
			}
		})
	}
}

// seedSpelling corrects the typing slips of the seed: it prints "BCD 138 Chính phủ" for the
// Ban Chỉ đạo 138, which the directory (and the routing) spells "BCĐ".
var seedSpelling = strings.NewReplacer("BCD 138", "BCĐ 138")

// renderSeed builds the seed's generator.Document from the form, the directory and the
// routing rule, without the secretariat service, and renders it.
func renderSeed(t *testing.T, data *apptest.Data, example []byte, number int, seed seedDispatch) []byte {
	t.Helper()
	var ex struct {
		Form       string          `json:"form"`
		IssuerID   string          `json:"issuer_id"`
		Data       map[string]any  `json:"data"`
		Recipients json.RawMessage `json:"recipients"`
		Edit       json.RawMessage `json:"edit"`
	}
	if err := json.Unmarshal(example, &ex); err != nil {
		t.Fatal(err)
	}
	// The recipients come from routing, not from typed text.
	if ex.Recipients != nil || ex.Edit != nil || ex.Data["kinh_gui_them"] != nil {
		t.Fatalf("%s types recipients; the seed's must come from routing", seedFile)
	}
	def, ok := data.Catalog.Get("cong-van")
	if !ok || ex.Form != def.ID || def.Routing != "cong-van-chi-dao-tinh" {
		t.Fatalf("form %q, routing %q", ex.Form, def.Routing)
	}
	values, problems := data.Validator.Validate(def, ex.Data)
	if len(problems) > 0 {
		t.Fatalf("the seed example is invalid: %v", problems)
	}

	tree := data.Demo
	unit, ok := tree.Unit(ex.IssuerID)
	if !ok || ex.IssuerID != seedIssuer {
		t.Fatalf("issuer %q", ex.IssuerID)
	}
	route, err := tree.Route(data.Rules["cong-van-chi-dao-tinh"], unit.ID, directory.RouteOptions{DraftingUnit: "NC", Copies: 3})
	if err != nil {
		t.Fatal(err)
	}
	wantNoiNhan := make([]string, len(seed.noiNhan))
	for i, item := range seed.noiNhan {
		wantNoiNhan[i] = seedSpelling.Replace(item)
	}
	if !reflect.DeepEqual(route.KinhGui, seed.kinhGui) {
		t.Errorf("routed Kính gửi = %q, the seed's = %q", route.KinhGui, seed.kinhGui)
	}
	if !reflect.DeepEqual(route.NoiNhan, wantNoiNhan) {
		t.Errorf("routed Nơi nhận = %q, the seed's = %q", route.NoiNhan, wantNoiNhan)
	}
	if route.Archive != seed.archive {
		t.Errorf("routed archive = %q, the seed's = %q", route.Archive, seed.archive)
	}

	parent, name := tree.Header(unit.ID)
	date := values.Date("ngay_ban_hanh")
	if date != (generator.Date{Year: 2016, Month: 2, Day: 1}) {
		t.Fatalf("the seed's date = %v", date)
	}
	iss := forms.Issuer{Parent: parent, Name: name, ShortName: unit.ShortName, IssuedBy: unit.Label,
		Place: unit.Place, Number: number, Date: date}
	doc, err := def.Document(values, iss, route)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Number != number || doc.Symbol != "UBND-NC" || doc.Issuer != "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ" || doc.Place != "Thanh Hoá" {
		t.Fatalf("document %d/%s by %q at %q", doc.Number, doc.Symbol, doc.Issuer, doc.Place)
	}
	var buf bytes.Buffer
	if err := data.Renderer.Render(&buf, &doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// partDiff names the parts of two packages that differ, to make a mismatch readable.
func partDiff(t *testing.T, got, want []byte) string {
	g, err := apptest.ReadZip(got)
	if err != nil {
		return fmt.Sprintf(": the download is not a package: %v", err)
	}
	w := apptest.OpenZip(t, want)
	var diff []string
	for name, b := range w {
		if !bytes.Equal(g[name], b) {
			diff = append(diff, name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			diff = append(diff, name+" (extra)")
		}
	}
	return fmt.Sprintf("; parts that differ: %v", diff)
}

// containsIn reports whether one of paragraphs holds s.
func containsIn(paragraphs []string, s string) bool {
	for _, p := range paragraphs {
		if strings.Contains(p, s) {
			return true
		}
	}
	return false
}

// firstWords shortens a paragraph for a message.
func firstWords(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
