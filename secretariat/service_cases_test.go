package secretariat_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/register"
	"vanthu/secretariat"
)

// serviceCases is the table of TestService. Each case runs on its own fresh database, so
// document ids start at 1 and each year's series at number 1. To add a case (the
// authorisation checks are next), give it a name, what it needs made first, the one call
// under test and the apperr code it must end with; a failing case is checked to have
// saved nothing.
func serviceCases() []serviceCase {
	// The words every "already issued" message shares; the messages themselves are being
	// gathered in one place (issue 7), so the cases do not pin their tails.
	const msgIssued = "đã ban hành"
	return []serviceCase{
		// Preview and routing.
		{
			name: "preview stores nothing",
			action: func(t *testing.T, e *env) error {
				docx, err := e.svc.Preview(e.ctx, congVan())
				if err != nil {
					return err
				}
				text := docxText(t, docx)
				for _, want := range []string{"Số:         /UBND-NC", "V/v tăng cường chỉ đạo", "thực hiện Đề án 375", "Thanh Hoá, ngày 01 tháng 02 năm 2016",
					"Nguyễn Đình Xúng", "Văn phòng Chính phủ"} {
					if !strings.Contains(text, want) {
						t.Errorf("the preview lacks %q:\n%s", want, text)
					}
				}
				return nil
			},
			check: func(t *testing.T, e *env) { wantDocuments(t, e, 0) },
		},
		{
			name: "route by the form's rule",
			action: func(t *testing.T, e *env) error {
				r, err := e.svc.Route(e.ctx, congVan())
				wantRecipients(t, r, wantKinhGui, wantNoiNhan, wantArchive)
				return err
			},
		},
		{
			name: "route with the user's edits",
			action: func(t *testing.T, e *env) error {
				r, err := e.svc.Route(e.ctx, congVan(func(s *secretariat.Submission) {
					s.Edit = directory.Edit{AddKinhGui: []string{"Công an tỉnh"}, RemoveNoiNhan: []string{"văn phòng chính phủ"},
						AddNoiNhan: []string{"- Sở Tư pháp;"}, Archive: "Lưu: VT, NC (2)"}
				}))
				wantRecipients(t, r, append(wantKinhGui[:2:2], "Công an tỉnh"),
					[]string{"Như trên", "BCĐ 138 Chính phủ", "TTr Tỉnh ủy, HĐND tỉnh", "Chủ tịch, các PCT UBND tỉnh",
						"Cục V11, V28, Bộ Công an", "Sở Tư pháp"}, "VT, NC (2)")
				return err
			},
		},
		{
			name: "route with recipients the user wrote whole",
			action: func(t *testing.T, e *env) error {
				r, err := e.svc.Route(e.ctx, congVan(func(s *secretariat.Submission) {
					s.Recipients = &directory.Recipients{KinhGui: []string{"Kính gửi: Sở Nội vụ."}, NoiNhan: []string{"Lưu: VT, NV."}}
				}))
				wantRecipients(t, r, []string{"Sở Nội vụ"}, []string{"Như trên"}, "VT, NV")
				return err
			},
		},
		{
			name: "routing rule replaced",
			rules: func(rules map[string]directory.Rule) {
				r := rules["cong-van-chi-dao-tinh"]
				r.To = []directory.Entry{{Text: "Giám đốc Công an tỉnh"}}
				r.Copies = []directory.Entry{{Unit: "cuc-v11"}, {Text: "Chánh Văn phòng UBND tỉnh"}}
				r.Archive = "VT, {issuer_short}"
				rules[r.ID] = r
			},
			action: func(t *testing.T, e *env) error {
				r, err := e.svc.Route(e.ctx, congVan())
				wantRecipients(t, r, []string{"Giám đốc Công an tỉnh"},
					[]string{"Như trên", "Cục V11, Bộ Công an", "Chánh Văn phòng UBND tỉnh"}, "VT, UBND (3)")
				return err
			},
		},
		{
			name: "draft keeps its recipients when the rule changes",
			setup: func(t *testing.T, e *env) {
				draft(t, e, "draft", congVan())
				rules := maps.Clone(e.data.Rules)
				r := rules["cong-van-chi-dao-tinh"]
				r.To, r.Copies = []directory.Entry{{Text: "Giám đốc Công an tỉnh"}}, nil
				rules[r.ID] = r
				e.svc = e.restart(t, rules)
				got, err := e.svc.Route(e.ctx, congVan())
				if err != nil {
					t.Fatal(err)
				}
				wantRecipients(t, got, []string{"Giám đốc Công an tỉnh"}, []string{"Như trên"}, wantArchive)
			},
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.Issue(e.ctx, e.ids["draft"])
				return err
			},
			check: func(t *testing.T, e *env) {
				wantRecipients(t, recipientsOf(t, document(t, e, e.ids["draft"])), wantKinhGui, wantNoiNhan, wantArchive)
				docx, _ := download(t, e, e.ids["draft"])
				if text := docxText(t, docx); !strings.Contains(text, "Các sở, ban, ngành, đoàn thể cấp tỉnh") ||
					strings.Contains(text, "Giám đốc Công an tỉnh") {
					t.Errorf("the issued file is not addressed as the draft was:\n%s", text)
				}
			},
		},

		// Directory edits reach routing, even after a result was remembered.
		{
			name: "group renamed in the directory",
			setup: func(t *testing.T, e *env) {
				if _, err := e.svc.Route(e.ctx, congVan()); err != nil {
					t.Fatal(err)
				}
			},
			action: func(t *testing.T, e *env) error {
				groups := "id,name,members\nso-ban-nganh-tinh,Các sở cấp tỉnh,so-noi-vu;so-tu-phap\n"
				_, err := e.svc.ImportDirectory(e.ctx, nil, strings.NewReader(groups), 0)
				return err
			},
			check: func(t *testing.T, e *env) {
				r, err := e.svc.Route(e.ctx, congVan())
				if err != nil {
					t.Fatal(err)
				}
				wantRecipients(t, r, []string{"Các sở cấp tỉnh", wantKinhGui[1]}, wantNoiNhan, wantArchive)
				r, err = e.svc.Route(e.ctx, congVan(func(s *secretariat.Submission) { s.Expand = map[string]bool{"so-ban-nganh-tinh": true} }))
				if err != nil {
					t.Fatal(err)
				}
				wantRecipients(t, r, []string{"Sở Nội vụ", "Sở Tư pháp", wantKinhGui[1]}, wantNoiNhan, wantArchive)
			},
		},
		{
			name: "unit renamed in the directory",
			setup: func(t *testing.T, e *env) {
				if _, err := e.svc.Route(e.ctx, congVan()); err != nil {
					t.Fatal(err)
				}
			},
			action: func(t *testing.T, e *env) error {
				units := exportUnits(t, e, "agency,Văn phòng Chính phủ,VPCP", "agency,Văn phòng Chính phủ mới,VPCP")
				_, err := e.svc.ImportDirectory(e.ctx, strings.NewReader(units), nil, 0)
				return err
			},
			check: func(t *testing.T, e *env) {
				r, err := e.svc.Route(e.ctx, congVan())
				if err != nil {
					t.Fatal(err)
				}
				want := append([]string{}, wantNoiNhan...)
				want[2] = "Văn phòng Chính phủ mới"
				wantRecipients(t, r, wantKinhGui, want, wantArchive)
			},
		},
		{
			name: "route after the directory lost a unit the rule names",
			setup: func(t *testing.T, e *env) {
				units := withoutLine(t, exportUnits(t, e, "", ""), "bcd-138-chinh-phu,")
				if _, err := e.svc.ImportDirectory(e.ctx, strings.NewReader(units), nil, 0); err != nil {
					t.Fatal(err)
				}
			},
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.CreateDraft(e.ctx, congVan(), 0)
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"recipients": "đơn vị \"bcd-138-chinh-phu\" không có trong danh bạ"},
		},
		{
			name:  "directory import dropping the issuer of a draft",
			setup: func(t *testing.T, e *env) { draft(t, e, "draft", congVan()) },
			action: func(t *testing.T, e *env) error {
				units := withoutLine(t, exportUnits(t, e, "", ""), issuer+",")
				_, err := e.svc.ImportDirectory(e.ctx, strings.NewReader(units), nil, 0)
				return err
			},
			code: apperr.Conflict, message: "Danh mục mới thiếu đơn vị",
		},
		{
			name: "directory import with a group naming an unknown unit",
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.ImportDirectory(e.ctx, nil, strings.NewReader("id,name,members\ng,Nhóm,so-noi-vu;khong-co\n"), 0)
				return err
			},
			code: apperr.Invalid, message: "\"khong-co\" không có trong danh sách đơn vị",
		},

		// Drafts.
		{
			name: "draft",
			action: func(t *testing.T, e *env) error {
				d, err := e.svc.CreateDraft(e.ctx, congVan(), 0)
				if err != nil {
					return err
				}
				e.ids["draft"] = d.ID
				return nil
			},
			check: func(t *testing.T, e *env) {
				d := document(t, e, e.ids["draft"])
				if d.Status != register.Draft || d.Number != 0 || d.Year != 0 || d.SHA256 != "" || d.IssuedAt != nil ||
					d.FormID != "cong-van" || d.IssuerID != issuer || d.KindTitle != "Công văn" || d.Symbol != "UBND-NC" ||
					d.Subject != "V/v tăng cường chỉ đạo thực hiện Đề án 375" {
					t.Errorf("stored draft %+v", d)
				}
				wantRecipients(t, recipientsOf(t, d), wantKinhGui, wantNoiNhan, wantArchive)
				docx, err := e.svc.DraftPreview(e.ctx, d.ID)
				if err != nil {
					t.Fatal(err)
				}
				if text := docxText(t, docx); !strings.Contains(text, "Số:") || strings.Contains(text, "01/UBND-NC") {
					t.Errorf("the draft's preview should have a blank number:\n%s", text)
				}
				if _, _, err := e.svc.File(e.ctx, d.ID); apperr.CodeOf(err) != apperr.NotFound {
					t.Errorf("file of a draft: %v, want not_found", err)
				}
			},
		},
		{
			name:  "draft updated",
			setup: func(t *testing.T, e *env) { draft(t, e, "draft", congVan()) },
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.UpdateDraft(e.ctx, e.ids["draft"], congVan(subject("V/v đôn đốc thực hiện Đề án 375"),
					func(s *secretariat.Submission) { s.Edit.AddNoiNhan = []string{"Sở Tư pháp"} }))
				return err
			},
			check: func(t *testing.T, e *env) {
				d := document(t, e, e.ids["draft"])
				if d.Status != register.Draft || d.Subject != "V/v đôn đốc thực hiện Đề án 375" {
					t.Errorf("updated draft %+v", d)
				}
				wantRecipients(t, recipientsOf(t, d), wantKinhGui, append(wantNoiNhan[:6:6], "Sở Tư pháp"), wantArchive)
				wantDocuments(t, e, 1)
			},
		},
		{
			name:  "draft updated with invalid data",
			setup: func(t *testing.T, e *env) { draft(t, e, "draft", congVan()) },
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.UpdateDraft(e.ctx, e.ids["draft"], congVan(subject("")))
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"data.trich_yeu": "Trích yếu"},
		},

		// Issuing.
		{
			name: "three drafts issued in turn take 1, 2, 3",
			setup: func(t *testing.T, e *env) {
				for _, name := range []string{"a", "b", "c"} {
					draft(t, e, name, congVan(subject("việc "+name)))
				}
			},
			action: func(t *testing.T, e *env) error {
				// Issued out of drafting order: the number is the order of issue.
				for i, name := range []string{"b", "a", "c"} {
					d, err := e.svc.Issue(e.ctx, e.ids[name])
					if err != nil {
						return err
					}
					if d.Status != register.Issued || d.Year != 2016 || d.Number != i+1 || d.IssuedAt == nil || d.SHA256 == "" {
						t.Errorf("issue %d: %+v", i+1, d)
					}
				}
				return nil
			},
			check: func(t *testing.T, e *env) {
				entries := listAll(t, e.ctx, e.svc.Register)
				if len(entries) != 3 {
					t.Fatalf("%d register lines, want 3", len(entries))
				}
				for i, name := range []string{"b", "a", "c"} {
					en := entries[i]
					want := fmt.Sprintf("%02d/UBND-NC", i+1)
					if en.DocumentID != e.ids[name] || en.IssuerID != issuer || en.Year != 2016 || en.Number != i+1 ||
						en.NumberSymbol != want || en.Date.Format("2006-01-02") != "2016-02-01" ||
						en.TitleSubject != "Công văn V/v việc "+name || en.Signer != "Nguyễn Đình Xúng" ||
						en.ArchiveUnit != wantArchive || en.Copies != 2+5+3 {
						t.Errorf("register line %d: %+v", i+1, en)
					}
					docx, sha := download(t, e, e.ids[name])
					if d := document(t, e, e.ids[name]); d.SHA256 != sha {
						t.Errorf("document %s: stored SHA-256 %s, file %s", name, d.SHA256, sha)
					}
					if text := docxText(t, docx); !strings.Contains(text, want) {
						t.Errorf("file of %s lacks its number %s:\n%s", name, want, text)
					}
				}
			},
		},
		{
			name:  "created and issued in one call",
			setup: func(t *testing.T, e *env) { issued(t, e, "2016", congVan()) },
			action: func(t *testing.T, e *env) error {
				d, err := e.svc.CreateAndIssue(e.ctx, congVan(undated))
				if err != nil {
					return err
				}
				e.ids["2026"] = d.ID
				return nil
			},
			check: func(t *testing.T, e *env) {
				d := document(t, e, e.ids["2026"])
				if d.Status != register.Issued || d.Year != 2026 || d.Number != 1 {
					t.Errorf("an undated document is numbered in the series of the day it is issued: %+v", d)
				}
				docx, _ := download(t, e, d.ID)
				if text := docxText(t, docx); !strings.Contains(text, "01/UBND-NC") || !strings.Contains(text, "ngày 05 tháng 3 năm 2026") {
					t.Errorf("the file lacks its number or date of issue:\n%s", text)
				}
				if len(listAll(t, e.ctx, e.svc.Register)) != 2 {
					t.Error("want two register lines")
				}
			},
		},
		{
			name:  "issued document issued again",
			setup: func(t *testing.T, e *env) { issued(t, e, "doc", congVan()) },
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.Issue(e.ctx, e.ids["doc"])
				return err
			},
			code: apperr.Conflict, message: msgIssued,
		},
		{
			name:  "issued document updated",
			setup: func(t *testing.T, e *env) { issued(t, e, "doc", congVan()) },
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.UpdateDraft(e.ctx, e.ids["doc"], congVan(subject("đôn đốc")))
				return err
			},
			code: apperr.Conflict, message: msgIssued,
		},

		// Corrections: the original stays as issued.
		{
			name:  "correction of an issued document",
			setup: func(t *testing.T, e *env) { issued(t, e, "original", congVan()) },
			action: func(t *testing.T, e *env) error {
				d, err := e.svc.CreateDraft(e.ctx, congVan(subject("đính chính Công văn số 01/UBND-NC")), e.ids["original"])
				if err != nil {
					return err
				}
				e.ids["correction"] = d.ID
				_, err = e.svc.Issue(e.ctx, d.ID)
				return err
			},
			check: func(t *testing.T, e *env) {
				c := document(t, e, e.ids["correction"])
				if c.CorrectsID != e.ids["original"] || c.Status != register.Issued || c.Number != 2 {
					t.Errorf("correction %+v", c)
				}
				o := document(t, e, e.ids["original"])
				if o.Status != register.Issued || o.Number != 1 || o.Subject != "V/v tăng cường chỉ đạo thực hiện Đề án 375" {
					t.Errorf("original %+v", o)
				}
				if _, sha := download(t, e, o.ID); sha != o.SHA256 {
					t.Errorf("original file %s, stored %s", sha, o.SHA256)
				}
				_, err := e.svc.UpdateDraft(e.ctx, o.ID, congVan(subject("sửa thẳng bản gốc")))
				wantError(t, err, apperr.Conflict, msgIssued, nil)
				// The original names its correction; the correction names none.
				if fixes, err := e.svc.Corrections(e.ctx, o.ID); err != nil || len(fixes) != 1 || fixes[0].ID != c.ID {
					t.Errorf("corrections of the original: %v, %v", summary(fixes), err)
				}
				if fixes, err := e.svc.Corrections(e.ctx, c.ID); err != nil || len(fixes) != 0 {
					t.Errorf("corrections of the correction: %v, %v", summary(fixes), err)
				}
			},
		},
		{
			name:  "correction of a draft",
			setup: func(t *testing.T, e *env) { draft(t, e, "draft", congVan()) },
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.CreateDraft(e.ctx, congVan(), e.ids["draft"])
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"corrects_id": "đã ban hành"},
		},
		{
			name: "correction of an unknown document",
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.CreateDraft(e.ctx, congVan(), 42)
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"corrects_id": "đã ban hành"},
		},

		// Invalid submissions, each through every call that takes one.
		{
			name:   "invalid data",
			setup:  func(t *testing.T, e *env) { issued(t, e, "doc", congVan()) },
			action: submitEverywhere(congVan(subject(""), func(s *secretariat.Submission) { s.Data["so_ban_luu"] = "ba" })),
			code:   apperr.Invalid, fields: map[string]string{"data.trich_yeu": "Trích yếu", "data.so_ban_luu": "Số bản lưu phải là một số"},
		},
		{
			name:   "unknown form",
			setup:  func(t *testing.T, e *env) { issued(t, e, "doc", congVan()) },
			action: submitEverywhere(congVan(func(s *secretariat.Submission) { s.Form = "nope" })),
			code:   apperr.Invalid, fields: map[string]string{"form": "Không có biểu mẫu \"nope\""},
		},
		{
			name:   "unknown issuer",
			setup:  func(t *testing.T, e *env) { issued(t, e, "doc", congVan()) },
			action: submitEverywhere(congVan(func(s *secretariat.Submission) { s.IssuerID = "nope" })),
			code:   apperr.Invalid, fields: map[string]string{"issuer_id": "Không có đơn vị \"nope\" trong danh bạ"},
		},
		{
			name:   "issuer the routing rule refuses",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) { s.IssuerID = "cong-an-tinh-thanh-hoa" })),
			// Issue 8: the form's issuer kinds are checked on every path, before routing.
			code: apperr.Invalid, fields: map[string]string{"issuer_id": `Đơn vị "cong-an-tinh-thanh-hoa" (loại police) không được ban hành Công văn`},
		},

		// Issue 8, item 4: types.
		{
			name:   "a fraction for an integer field",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) { s.Data["so_ban_luu"] = 2.5 })),
			code:   apperr.Invalid, fields: map[string]string{"data.so_ban_luu": "Số bản lưu phải là số nguyên"},
		},
		{
			name:   "a string for a number",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) { s.Data["so_ban_luu"] = "3" })),
			code:   apperr.Invalid, fields: map[string]string{"data.so_ban_luu": "Số bản lưu phải là một số"},
		},
		{
			name:   "a number no float holds",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) { s.Data["so_ban_luu"] = json.Number("1e400") })),
			code:   apperr.Invalid, fields: map[string]string{"data.so_ban_luu": "Số bản lưu phải là một số"},
		},

		// Issue 8, item 3: empty made to look full.
		{
			name: "required fields of invisible characters",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) {
				s.Data["trich_yeu"], s.Data["ho_ten_nguoi_ky"], s.Data["chuc_vu_nguoi_ky"] = "\u200b\u200b", "\u00a0", "\u0301"
			})),
			code: apperr.Invalid, fields: map[string]string{"data.trich_yeu": "Trích yếu là trường bắt buộc",
				"data.ho_ten_nguoi_ky": "Họ và tên người ký là trường bắt buộc", "data.chuc_vu_nguoi_ky": "Chức vụ người ký là trường bắt buộc"},
		},
		{
			name: "a công văn to nobody",
			action: submitForDocument(congVan(func(s *secretariat.Submission) {
				s.Recipients = &directory.Recipients{KinhGui: []string{"\u200b"}, NoiNhan: []string{"\u00a0"}}
			})),
			code: apperr.Invalid, fields: map[string]string{"recipients": "Công văn phải có ít nhất một nơi nhận"},
		},

		// Issue 8, item 6: sizes.
		{
			name: "more Kính gửi lines than the form allows",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) {
				r := &directory.Recipients{}
				for i := range 201 {
					r.KinhGui = append(r.KinhGui, fmt.Sprintf("Đơn vị số %d", i+1))
				}
				s.Recipients = r
			})),
			code: apperr.Invalid, fields: map[string]string{"recipients.kinh_gui": "Kính gửi có quá 200 dòng."},
		},
		{
			name:   "a body longer than the form allows",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) { s.Data["noi_dung"] = strings.Repeat("ệ", 50001) })),
			code:   apperr.Invalid, fields: map[string]string{"data.noi_dung": "Nội dung dài quá 50000 ký tự"},
		},

		// Issue 8, item 1: who may issue what.
		{
			name: "the nation as issuer, recipients by hand",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) {
				s.IssuerID = "viet-nam"
				s.Recipients = &directory.Recipients{KinhGui: []string{"Sở Tư pháp"}}
			})),
			code: apperr.Invalid, fields: map[string]string{"issuer_id": `"viet-nam" là một địa bàn hành chính`},
		},
		{
			name: "a police unit issues a công văn by hand",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) {
				s.IssuerID = "cong-an-tinh-thanh-hoa"
				s.Recipients = &directory.Recipients{KinhGui: []string{"Sở Tư pháp"}}
			})),
			code: apperr.Invalid, fields: map[string]string{"issuer_id": "(loại police) không được ban hành Công văn"},
		},
		{
			name:  "a draft moved to another body",
			setup: func(t *testing.T, e *env) { draft(t, e, "doc", congVan()) },
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.UpdateDraft(e.ctx, e.ids["doc"], congVan(func(s *secretariat.Submission) { s.IssuerID = "ubnd-tinh-thanh-hoa" }))
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"issuer_id": "Không đổi được cơ quan ban hành"},
		},
		{
			name:  "a correction by another body",
			setup: func(t *testing.T, e *env) { issued(t, e, "doc", congVan()) },
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.CreateDraft(e.ctx, congVan(func(s *secretariat.Submission) { s.IssuerID = "ubnd-tinh-thanh-hoa" }), e.ids["doc"])
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"issuer_id": "văn bản số 01/UBND-NC"},
		},
		{
			name: "an issuer without a symbol",
			setup: func(t *testing.T, e *env) {
				draft(t, e, "doc", congVan())
				var units bytes.Buffer
				if _, err := e.svc.ExportUnits(e.ctx, &units); err != nil {
					t.Fatal(err)
				}
				csv := strings.Replace(units.String(), ",people-committee,Ủy ban nhân dân tỉnh Thanh Hoá,UBND,", ",people-committee,Ủy ban nhân dân tỉnh Thanh Hoá,,", -1)
				if _, err := e.svc.ImportDirectory(e.ctx, strings.NewReader(csv), nil, 0); err != nil {
					t.Fatal(err)
				}
			},
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.Issue(e.ctx, e.ids["doc"])
				if _, err2 := e.svc.CreateAndIssue(e.ctx, congVan()); !sameError(err, err2) {
					t.Errorf("CreateAndIssue: %v, unlike Issue: %v", err2, err)
				}
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"issuer_id": `"ubnd-tinh-thanh-hoa-2016" chưa có chữ viết tắt (short_name)`},
		},
		{
			name: "an achievement report is drafted but never numbered",
			setup: func(t *testing.T, e *env) {
				draft(t, e, "report", report())
			},
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.Issue(e.ctx, e.ids["report"])
				if _, err2 := e.svc.CreateAndIssue(e.ctx, report()); !sameError(err, err2) {
					t.Errorf("CreateAndIssue: %v, unlike Issue: %v", err2, err)
				}
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"form": "không cấp số, không vào sổ văn bản đi"},
		},

		// Issue 8, item 2: dates.
		{
			name:   "a date in year 0001",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) { s.Data["ngay_ban_hanh"] = "0001-01-01" })),
			code:   apperr.Invalid, fields: map[string]string{"data.ngay_ban_hanh": "Ngày ban hành: ngày 01/01/0001 không hợp lệ"},
		},
		{
			name:   "a date in year 9999",
			action: submitEverywhere(congVan(func(s *secretariat.Submission) { s.Data["ngay_ban_hanh"] = "31/12/9999" })),
			code:   apperr.Invalid, fields: map[string]string{"data.ngay_ban_hanh": "ngày 31/12/9999 không hợp lệ"},
		},
		{
			name: "an issuer without a window dates a document yesterday",
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.CreateAndIssue(e.ctx, congVan(func(s *secretariat.Submission) {
					s.IssuerID, s.Data["ngay_ban_hanh"] = "ubnd-tinh-thanh-hoa", "2026-03-04"
				}))
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"data.ngay_ban_hanh": "phải là ngày cấp số, hôm nay 05/03/2026"},
		},
		{
			name: "a draft dated tomorrow, issued today",
			setup: func(t *testing.T, e *env) {
				draft(t, e, "doc", congVan(func(s *secretariat.Submission) {
					s.IssuerID, s.Data["ngay_ban_hanh"] = "ubnd-tinh-thanh-hoa", "2026-03-06"
				}))
			},
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.Issue(e.ctx, e.ids["doc"])
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"data.ngay_ban_hanh": "không ghi lùi hay ghi trước ngày (06/03/2026)"},
		},
		{
			name: "a later number dated before the one before it",
			setup: func(t *testing.T, e *env) {
				issued(t, e, "first", congVan(func(s *secretariat.Submission) { s.Data["ngay_ban_hanh"] = "2016-02-03" }))
			},
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.CreateAndIssue(e.ctx, congVan())
				return err
			},
			code: apperr.Invalid, fields: map[string]string{"data.ngay_ban_hanh": "Ngày 01/02/2016 sớm hơn ngày 03/02/2016 của văn bản số 01/UBND-NC"},
		},

		// Secret documents: their own series and register (Decree 30, art. 15.2).
		{
			name: "a secret document takes number 1 of the secret series",
			setup: func(t *testing.T, e *env) {
				issued(t, e, "ordinary 1", congVan(subject("việc thường")))
			},
			action: func(t *testing.T, e *env) error {
				d, err := e.svc.CreateAndIssue(e.ctx, congVan(subject("việc mật"), marks("MẬT", "THƯỢNG KHẨN")))
				if err != nil {
					return err
				}
				e.ids["secret"] = d.ID
				if d.Number != 1 || d.Secrecy != "MẬT" || d.Urgency != "THƯỢNG KHẨN" {
					t.Errorf("secret document: %+v", d)
				}
				next, err := e.svc.CreateAndIssue(e.ctx, congVan(subject("việc thường tiếp"), marks("", "KHẨN")))
				if err == nil && next.Number != 2 {
					t.Errorf("the ordinary series goes on at 2, got %d", next.Number)
				}
				return err
			},
			check: func(t *testing.T, e *env) {
				ordinary := listAll(t, e.ctx, e.svc.Register)
				if len(ordinary) != 2 || ordinary[0].Number != 1 || ordinary[1].Number != 2 || ordinary[1].Urgency != "KHẨN" {
					t.Errorf("ordinary register: %+v", ordinary)
				}
				for _, en := range ordinary {
					if en.DocumentID == e.ids["secret"] || en.Secrecy != "" {
						t.Errorf("the ordinary register shows a secret line: %+v", en)
					}
				}
				// Asking the ordinary register for the secret lines gets the ordinary ones still.
				if again, err := e.svc.ExportRegister(e.ctx, register.RegisterFilter{Secret: true}); err != nil || len(again) != 2 {
					t.Errorf("ExportRegister{Secret: true}: %d lines, %v", len(again), err)
				}
				secrets := listAll(t, e.ctx, e.svc.SecretRegister)
				if len(secrets) != 1 || secrets[0].DocumentID != e.ids["secret"] || secrets[0].NumberSymbol != "01/UBND-NC" ||
					secrets[0].Secrecy != "MẬT" || secrets[0].Urgency != "THƯỢNG KHẨN" || secrets[0].TitleSubject != "Công văn V/v việc mật" {
					t.Errorf("secret register: %+v", secrets)
				}
				docx, _ := download(t, e, e.ids["secret"])
				if text := docxText(t, docx); !strings.Contains(text, "MẬT") || !strings.Contains(text, "THƯỢNG KHẨN") {
					t.Errorf("the file of the secret document lacks its marks:\n%s", text)
				}
			},
		},
		{
			name: "a secret draft issued takes the next secret number",
			setup: func(t *testing.T, e *env) {
				issued(t, e, "secret 1", congVan(marks("TUYỆT MẬT", "")))
				draft(t, e, "secret draft", congVan(marks("TỐI MẬT", "HỎA TỐC")))
			},
			action: func(t *testing.T, e *env) error {
				d, err := e.svc.Issue(e.ctx, e.ids["secret draft"])
				if err == nil && (d.Number != 2 || d.Secrecy != "TỐI MẬT") {
					t.Errorf("issued draft: %+v", d)
				}
				return err
			},
			check: func(t *testing.T, e *env) {
				if n := len(listAll(t, e.ctx, e.svc.Register)); n != 0 {
					t.Errorf("the ordinary register has %d lines, want none", n)
				}
				if secrets := listAll(t, e.ctx, e.svc.ExportSecretRegister); len(secrets) != 2 || secrets[1].Urgency != "HỎA TỐC" {
					t.Errorf("secret register: %+v", secrets)
				}
			},
		},
		{
			name:   "a secrecy mark the decree does not know",
			setup:  func(t *testing.T, e *env) { issued(t, e, "doc", congVan()) },
			action: submitEverywhere(congVan(marks("BÍ MẬT", "gấp"))),
			code:   apperr.Invalid, fields: map[string]string{"data.do_mat": "Độ mật phải là một trong các giá trị: MẬT, TỐI MẬT, TUYỆT MẬT",
				"data.do_khan": "Mức độ khẩn phải là một trong các giá trị: KHẨN, THƯỢNG KHẨN, HỎA TỐC"},
		},
		{
			name:  "the văn thư may not read the secret register",
			setup: func(t *testing.T, e *env) { issued(t, e, "secret", congVan(marks("MẬT", ""))) },
			action: func(t *testing.T, e *env) error {
				clerk := actorWith(t, e, "secretariat", issuer)
				if _, err := e.svc.Register(clerk, register.RegisterFilter{IssuerID: issuer}); err != nil {
					t.Errorf("the văn thư reads the ordinary register: %v", err)
				}
				leader := actorWith(t, e, "leader", issuer)
				if _, err := e.svc.ExportSecretRegister(leader, register.RegisterFilter{}); apperr.CodeOf(err) != apperr.Forbidden {
					t.Errorf("the leader exports the secret register: %v", err)
				}
				_, err := e.svc.SecretRegister(clerk, register.RegisterFilter{IssuerID: issuer})
				return err
			},
			code: apperr.Forbidden, message: "xem sổ đăng ký văn bản mật",
		},

		// Not found, through every call that takes an id.
		{
			name:   "unknown document",
			setup:  func(t *testing.T, e *env) { issued(t, e, "doc", congVan()) },
			action: everyCallOnID(99),
			code:   apperr.NotFound, message: "Không tìm thấy văn bản.",
		},
		{
			name: "unknown form asked for",
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.Form(e.ctx, "nope")
				if _, err := e.svc.Blank(e.ctx, "nope", ""); apperr.CodeOf(err) != apperr.NotFound {
					t.Errorf("blank of an unknown form: %v", err)
				}
				return err
			},
			code: apperr.NotFound, message: "Không có biểu mẫu",
		},
		{
			name: "blank form of an unknown unit",
			action: func(t *testing.T, e *env) error {
				_, err := e.svc.Blank(e.ctx, "cong-van", "nope")
				return err
			},
			code: apperr.NotFound, message: "Không có đơn vị",
		},
	}
}

// marks sets the độ mật and mức độ khẩn of a submission; "" leaves one out.
func marks(secrecy, urgency string) func(*secretariat.Submission) {
	return func(sub *secretariat.Submission) {
		if secrecy != "" {
			sub.Data["do_mat"] = secrecy
		}
		if urgency != "" {
			sub.Data["do_khan"] = urgency
		}
	}
}

// actorWith returns e.ctx acting as a user holding role in unit.
func actorWith(t *testing.T, e *env, role, unit string) context.Context {
	t.Helper()
	r, ok := e.data.Roles.Role(role)
	if !ok {
		t.Fatalf("no role %s", role)
	}
	return access.WithActor(e.ctx, &access.Actor{UserID: 99, Login: role, Grants: []access.Grant{{Role: r, UnitID: unit}}})
}

// submitEverywhere returns an action sending sub to every call that takes a submission —
// route, preview, draft, create and issue — and returning the error of the last after
// checking they all agree.
func submitEverywhere(sub *secretariat.Submission) func(t *testing.T, e *env) error {
	return func(t *testing.T, e *env) error {
		calls := []struct {
			name string
			call func() error
		}{
			{"Route", func() error { _, err := e.svc.Route(e.ctx, sub); return err }},
			{"Preview", func() error { _, err := e.svc.Preview(e.ctx, sub); return err }},
			{"CreateDraft", func() error { _, err := e.svc.CreateDraft(e.ctx, sub, 0); return err }},
			{"CreateAndIssue", func() error { _, err := e.svc.CreateAndIssue(e.ctx, sub); return err }},
		}
		var last error
		for _, c := range calls {
			err := c.call()
			if last != nil && !sameError(err, last) {
				t.Errorf("%s: %v, unlike %v", c.name, err, last)
			}
			last = err
		}
		return last
	}
}

// submitForDocument is submitEverywhere without Route: the calls that make a document of
// the submission (routing proposes recipients; it does not need any).
func submitForDocument(sub *secretariat.Submission) func(t *testing.T, e *env) error {
	return func(t *testing.T, e *env) error {
		calls := []struct {
			name string
			call func() error
		}{
			{"Preview", func() error { _, err := e.svc.Preview(e.ctx, sub); return err }},
			{"CreateDraft", func() error { _, err := e.svc.CreateDraft(e.ctx, sub, 0); return err }},
			{"CreateAndIssue", func() error { _, err := e.svc.CreateAndIssue(e.ctx, sub); return err }},
		}
		var last error
		for _, c := range calls {
			err := c.call()
			if last != nil && !sameError(err, last) {
				t.Errorf("%s: %v, unlike %v", c.name, err, last)
			}
			last = err
		}
		return last
	}
}

// everyCallOnID returns an action calling everything that takes a document id with id,
// returning the error of the last after checking they all agree.
func everyCallOnID(id int64) func(t *testing.T, e *env) error {
	return func(t *testing.T, e *env) error {
		calls := []struct {
			name string
			call func() error
		}{
			{"Document", func() error { _, err := e.svc.Document(e.ctx, id); return err }},
			{"DraftPreview", func() error { _, err := e.svc.DraftPreview(e.ctx, id); return err }},
			{"File", func() error { _, _, err := e.svc.File(e.ctx, id); return err }},
			{"UpdateDraft", func() error { _, err := e.svc.UpdateDraft(e.ctx, id, congVan()); return err }},
			{"Issue", func() error { _, err := e.svc.Issue(e.ctx, id); return err }},
		}
		var last error
		for _, c := range calls {
			err := c.call()
			if last != nil && !sameError(err, last) {
				t.Errorf("%s: %v, unlike %v", c.name, err, last)
			}
			last = err
		}
		return last
	}
}

// sameError reports whether two errors are application errors with the same code, message
// and fields.
func sameError(a, b error) bool {
	var x, y *apperr.Error
	if !errors.As(a, &x) || !errors.As(b, &y) {
		return false
	}
	if x.Code != y.Code || x.Message != y.Message || len(x.Fields) != len(y.Fields) {
		return false
	}
	for k, v := range x.Fields {
		if y.Fields[k] != v {
			return false
		}
	}
	return true
}
