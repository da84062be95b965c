package generator_test

import (
	"bytes"
	"errors"
	"testing"

	"vanthu/apperr"
	"vanthu/generator"
)

func TestCheckRefusesWhatWouldBeDropped(t *testing.T) {
	r := newRenderer(t)
	base := func(kind generator.Kind) generator.Document {
		return generator.Document{Kind: kind, Issuer: "Ủy ban nhân dân xã Đông Tiến", Symbol: "X-UBND", Place: "Đông Tiến",
			Subject: "Thử", Body: []generator.Block{{Text: "Nội dung."}}, Signer: generator.Signer{Title: "Chủ tịch", Name: "A"}}
	}
	tests := []struct {
		name  string
		doc   func() generator.Document
		field string
	}{
		{"recipients of a report", func() generator.Document {
			d := base(generator.BaoCao)
			d.Recipients = []string{"Công an tỉnh"}
			return d
		}, "recipients"},
		{"bases of a dispatch", func() generator.Document {
			d := base(generator.CongVan)
			d.Bases = []string{"Căn cứ Luật"}
			return d
		}, "bases"},
		{"secretary of a plan", func() generator.Document {
			d := base(generator.KeHoach)
			d.Secretary = &generator.Signer{Name: "B"}
			return d
		}, "secretary"},
		{"body of a certificate", func() generator.Document {
			d := base(generator.GiayKhen)
			d.Certificate = &generator.Certificate{Recipient: "Ông A"}
			return d
		}, "body"},
		{"certificate part of a dispatch", func() generator.Document {
			d := base(generator.CongVan)
			d.Certificate = &generator.Certificate{}
			return d
		}, "certificate"},
		{"the chairman's decision signed TM.", func() generator.Document {
			d := base(generator.QuyetDinh)
			d.Authority = "Chủ tịch Ủy ban nhân dân xã Đông Tiến"
			d.Signer = generator.Signer{Prefix: "TM.", Authority: "Ủy ban nhân dân", Title: "Chủ tịch", Name: "A"}
			return d
		}, "signer.prefix"},
		{"the committee's decision signed without TM.", func() generator.Document {
			d := base(generator.QuyetDinh)
			d.Authority = "Ủy ban nhân dân xã Đông Tiến"
			d.Signer = generator.Signer{Title: "Chủ tịch", Name: "A"}
			return d
		}, "signer.prefix"},
		{"invitation details on a notice", func() generator.Document {
			d := base(generator.ThongBao)
			d.Invitation = &generator.Invitation{Time: "8 giờ"}
			return d
		}, "invitation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc()
			err := r.Render(&bytes.Buffer{}, &d)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != apperr.Invalid {
				t.Fatalf("Render = %v, want an invalid-input error", err)
			}
			if ae.Fields[tt.field] == "" {
				t.Errorf("no message for %q: %v", tt.field, ae.Fields)
			}
		})
	}
	t.Run("agreeing authority and signer", func(t *testing.T) {
		for _, c := range []struct {
			authority string
			signer    generator.Signer
		}{
			{"Chủ tịch Ủy ban nhân dân xã Đông Tiến", generator.Signer{Title: "Chủ tịch", Name: "A"}},
			{"Chủ tịch Ủy ban nhân dân xã Đông Tiến", generator.Signer{Prefix: "KT.", Authority: "Chủ tịch", Title: "Phó Chủ tịch", Name: "A"}},
			{"Ủy ban nhân dân tỉnh Thanh Hoá", generator.Signer{Prefix: "TM.", Authority: "Ủy ban nhân dân", Title: "Chủ tịch", Name: "A"}},
			{"Trưởng Ban Chỉ đạo an ninh, trật tự tỉnh", generator.Signer{Title: "Trưởng ban", AgencyTitle: "Phó Chủ tịch UBND tỉnh", Name: "A"}},
		} {
			d := base(generator.QuyetDinh)
			d.Authority, d.Signer = c.authority, c.signer
			if err := d.Check(); err != nil {
				t.Errorf("%s signed %+v: %v", c.authority, c.signer, err)
			}
		}
	})
	t.Run("every example passes", func(t *testing.T) {
		for _, name := range examples(t) {
			if err := loadExample(t, name).Check(); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}

func TestSecrecyAndUrgencyMarks(t *testing.T) {
	r := newRenderer(t)
	d := loadExample(t, "cong-van-mat-thuong-khan.json")
	if !d.Secret() {
		t.Error("a MẬT document does not report itself secret: it would take a number from the ordinary series")
	}
	doc := render(t, r, d)
	for _, mark := range []string{"MẬT", "THƯỢNG KHẨN", "XEM XONG TRẢ LẠI"} {
		p := doc.find(t, mark)
		if p.text != mark || !p.allRuns("b") {
			t.Errorf("mark %q: %q, want it alone in bold", mark, p.text)
		}
		bdr := p.pPr("pBdr")
		if bdr == nil || bdr.child("left") == nil || bdr.child("right") == nil || bdr.child("bottom") == nil {
			t.Errorf("mark %q is not in a rectangle", mark)
		}
	}
	if p := doc.find(t, "LMT.(07)"); p.size("") != "22" {
		t.Errorf("drafter and copies at %s half-points, want 11 pt", p.size(""))
	}
	addr := doc.find(t, "Địa chỉ: Thôn Đông Hải")
	if addr.pPr("framePr") == nil || addr.pPr("pBdr") == nil || addr.size("") != "22" {
		t.Error("the address is not framed at the foot of the page under a rule, in 11 pt")
	}
	for _, c := range []struct{ field, value string }{{"secrecy", "Bí mật"}, {"urgency", "Gấp"}} {
		bad := *d
		if c.field == "secrecy" {
			bad.Secrecy = c.value
		} else {
			bad.Urgency = c.value
		}
		var ae *apperr.Error
		if err := bad.Check(); !errors.As(err, &ae) || ae.Fields[c.field] == "" {
			t.Errorf("%s %q accepted: %v", c.field, c.value, err)
		}
	}
	ok := *d
	ok.Urgency = "hoả tốc"
	if err := ok.Check(); err != nil {
		t.Errorf("the decree's spelling HOẢ TỐC refused: %v", err)
	}
}
