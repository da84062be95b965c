package forms

import (
	"strings"
	"testing"

	"vanthu/directory"
)

// The optional marks of Decree 30, Annex I, Part II, 2–4 go from the submission to the
// document; a value outside the marks is refused naming the field.
func TestMarks(t *testing.T) {
	c, v := mustLoad(t), mustValidator(t)
	data := map[string]any{
		"trich_yeu": "tăng cường", "noi_dung": "Đề nghị các đơn vị thực hiện./.",
		"chuc_vu_nguoi_ky": "CHỦ TỊCH", "ho_ten_nguoi_ky": "Nguyễn Văn A",
		"do_mat": "MẬT", "do_khan": "THƯỢNG KHẨN", "pham_vi_luu_hanh": "XEM XONG TRẢ LẠI",
		"ky_hieu_nguoi_soan_thao": "PL", "so_ban_phat_hanh": 5,
	}
	for _, id := range []string{"cong-van", "quyet-dinh-khen-thuong", "quyet-dinh-thanh-lap-to-bao-ve-antt"} {
		def, ok := c.Get(id)
		if !ok {
			t.Fatalf("no form %s", id)
		}
		for _, target := range []Target{TargetSecrecy, TargetUrgency, TargetCirculation, TargetDrafter, TargetDrafterCopies} {
			if _, ok := def.FieldFor(target); !ok {
				t.Errorf("%s: no field for %s", id, target)
			}
		}
	}
	def, _ := c.Get("cong-van")
	t.Run("mapped", func(t *testing.T) {
		values, problems := v.Validate(def, data)
		if len(problems) > 0 {
			t.Fatalf("problems: %v", problems)
		}
		r := directory.Recipients{KinhGui: []string{"UBND các huyện"}, NoiNhan: []string{"Như trên"}, Archive: "VT"}
		doc, err := def.Document(values, issuers["ubnd-tinh-thanh-hoa"], r)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Secrecy != "MẬT" || doc.Urgency != "THƯỢNG KHẨN" || doc.Circulation != "XEM XONG TRẢ LẠI" ||
			doc.Drafter != "PL" || doc.Copies != 5 || !doc.Secret() {
			t.Errorf("marks = %q %q %q %q %d", doc.Secrecy, doc.Urgency, doc.Circulation, doc.Drafter, doc.Copies)
		}
	})
	t.Run("bad values", func(t *testing.T) {
		bad := map[string]any{}
		for k, val := range data {
			bad[k] = val
		}
		bad["do_mat"], bad["do_khan"] = "BÍ MẬT", "khẩn cấp"
		_, problems := v.Validate(def, bad)
		for field, label := range map[string]string{"do_mat": "Độ mật", "do_khan": "Mức độ khẩn"} {
			if msg := problems[field]; !strings.Contains(msg, label) || !strings.Contains(msg, "phải là một trong") {
				t.Errorf("problem for %s = %q, want one naming %q", field, msg, label)
			}
		}
	})
	t.Run("a blank form prints no mark", func(t *testing.T) {
		doc := def.Blank(Issuer{})
		if doc.Secrecy != "" || doc.Urgency != "" || doc.Circulation != "" || doc.Drafter != "" || doc.Copies != 0 {
			t.Errorf("blank marks = %q %q %q %q %d", doc.Secrecy, doc.Urgency, doc.Circulation, doc.Drafter, doc.Copies)
		}
	})
}
