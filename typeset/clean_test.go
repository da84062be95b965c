package typeset

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// vietnameseLower is every letter of the Vietnamese alphabet, with every tone on every vowel,
// typed by hand in NFC; vietnameseUpper is its upper case, typed by hand too, so that Upper is
// checked against what a reader expects rather than against another case mapping.
const (
	vietnameseLower = "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ b c d đ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ g h " +
		"i ì í ỉ ĩ ị k l m n o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ p q r s t " +
		"u ù ú ủ ũ ụ ư ừ ứ ử ữ ự v x y ỳ ý ỷ ỹ ỵ"
	vietnameseUpper = "A À Á Ả Ã Ạ Ă Ằ Ắ Ẳ Ẵ Ặ Â Ầ Ấ Ẩ Ẫ Ậ B C D Đ E È É Ẻ Ẽ Ẹ Ê Ề Ế Ể Ễ Ệ G H " +
		"I Ì Í Ỉ Ĩ Ị K L M N O Ò Ó Ỏ Õ Ọ Ô Ồ Ố Ổ Ỗ Ộ Ơ Ờ Ớ Ở Ỡ Ợ P Q R S T " +
		"U Ù Ú Ủ Ũ Ụ Ư Ừ Ứ Ử Ữ Ự V X Y Ỳ Ý Ỷ Ỹ Ỵ"
)

func TestVietnameseAlphabetIsNFC(t *testing.T) {
	for name, s := range map[string]string{"lower": vietnameseLower, "upper": vietnameseUpper} {
		t.Run(name, func(t *testing.T) {
			if !norm.NFC.IsNormalString(s) {
				t.Fatalf("test alphabet is not NFC")
			}
			if got := len(strings.Fields(s)); got != 89 {
				t.Fatalf("%d letters, want 89", got)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"ascii", "Kinh gui: UBND huyen", "Kinh gui: UBND huyen"},
		{"nfc unchanged", "Thanh Hoá, ngày 01 tháng 02 năm 2016", "Thanh Hoá, ngày 01 tháng 02 năm 2016"},
		{"nfd composed", norm.NFD.String("Cộng hòa xã hội chủ nghĩa Việt Nam"), "Cộng hòa xã hội chủ nghĩa Việt Nam"},
		{"nfd alphabet", norm.NFD.String(vietnameseLower), vietnameseLower},
		{"marks out of canonical order", "e\u0323\u0302", "ệ"},
		{"crlf", "dòng 1\r\ndòng 2", "dòng 1\ndòng 2"},
		{"lone cr", "dòng 1\rdòng 2\r", "dòng 1\ndòng 2\n"},
		{"cr cr lf", "a\r\r\nb", "a\n\nb"},
		{"tab and lf kept", "a\tb\nc", "a\tb\nc"},
		{"nul and controls dropped", "a\x00b\x01c\x0cd\x1fe", "abcde"},
		{"vertical tab is Word's manual line break", "dòng 1\x0bdòng 2", "dòng 1\ndòng 2"},
		{"no double space where a control was", "an ninh \x07 trật tự \x00\x01  x", "an ninh trật tự x"},
		{"no double space where invalid utf-8 was", "an \xff trật", "an trật"},
		{"spaces typed twice are kept", "a  b\x00", "a  b"},
		{"control between base and mark", "e\x00\u0302", "ê"},
		{"invalid utf-8 dropped", "Vi\xffệt\xc3", "Việt"},
		{"encoded surrogate dropped", "a\xed\xa0\x80b", "ab"},
		{"non-characters dropped", "a\uFFFEb\uFFFFc", "abc"},
		{"replacement char kept", "a\uFFFDb", "a\uFFFDb"},
		{"private use and astral kept", "a\uE000b\U0001F600c", "a\uE000b\U0001F600c"},
		{"del kept, XML allows it", "a\x7fb", "a\x7fb"},
		{"singleton normalised", "\u2126", "\u03A9"},
		{"en quad normalised", "a\u2000b", "a\u2002b"},
		{"mark after a vietnamese letter", "Vi\u1EC7\u0301t", "Vi\u1EC7\u0301t"},
		{"mark after a letter after a vietnamese letter", "Hoa\u0301", "Hoá"},
		{"mark after punctuation", "\u201Ce\u0302\u201D", "\u201Cê\u201D"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanDoesNotAllocateWhenClean(t *testing.T) {
	for name, s := range map[string]string{
		"ascii":      "UBND-NC",
		"vietnamese": "Thanh Hoá, ngày 01 tháng 02 năm 2016",
		"upper":      vietnameseUpper,
	} {
		t.Run(name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, func() { _ = Clean(s) }); n != 0 {
				t.Errorf("Clean allocated %v times", n)
			}
			if got := Clean(s); got != s {
				t.Errorf("Clean changed clean text to %+q", got)
			}
		})
	}
}

func TestStableStarters(t *testing.T) {
	for r := rune(0x80); r <= 0x10000; r++ {
		if !stableStarter(r) {
			continue
		}
		s := string(r)
		if !norm.NFC.IsNormalString(s) || !norm.NFC.PropertiesString(s).BoundaryBefore() {
			t.Errorf("%U is listed as a stable starter but is not", r)
		}
	}
}

func TestUpper(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"alphabet", vietnameseLower, vietnameseUpper},
		{"alphabet from nfd", norm.NFD.String(vietnameseLower), vietnameseUpper},
		{"already upper", vietnameseUpper, vietnameseUpper},
		{"issuer", "Ủy ban nhân dân tỉnh Thanh Hoá", "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ"},
		{"quoc hieu", "Cộng hòa xã hội chủ nghĩa Việt Nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"dirty input cleaned", "công\r\nan\x00 xã", "CÔNG\nAN XÃ"},
		{"ascii", "ubnd-nc 15/qđ", "UBND-NC 15/QĐ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Upper(tt.in)
			if got != tt.want {
				t.Errorf("Upper(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("Upper(%+q) is not NFC", tt.in)
			}
		})
	}
}

func TestUpperEachLetter(t *testing.T) {
	lower, upper := strings.Fields(vietnameseLower), strings.Fields(vietnameseUpper)
	for i := range lower {
		t.Run(lower[i], func(t *testing.T) {
			if got := Upper(lower[i]); got != upper[i] {
				t.Errorf("Upper(%q) = %q (%+q), want %q (%+q)", lower[i], got, got, upper[i], upper[i])
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"", "abc", "Thanh Hoá", norm.NFD.String(vietnameseLower), "a\r\nb\rc", "\x00\xff\xed\xa0\x80",
		"\uFFFE\uFFFF", "e\u0323\u0302", "\u2126\u212B", strings.Repeat("\u0301", 40),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Clean(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Clean(%+q) = %+q: invalid UTF-8", s, got)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("Clean(%+q) = %+q: not NFC", s, got)
		}
		for _, r := range got {
			if !xmlAllowed(r) {
				t.Fatalf("Clean(%+q) = %+q: keeps forbidden %U", s, got, r)
			}
		}
		if again := Clean(got); again != got {
			t.Fatalf("Clean not idempotent: Clean(%+q) = %+q, Clean of that = %+q", s, got, again)
		}
		if w, wc := Width(s, Bold, 13), Width(got, Bold, 13); w != wc {
			t.Fatalf("Width(%+q) = %v, Width of its cleaned form %+q = %v", s, w, got, wc)
		}
		if u := Upper(s); !norm.NFC.IsNormalString(u) || !utf8.ValidString(u) {
			t.Fatalf("Upper(%+q) = %+q: not valid NFC", s, u)
		}
	})
}

var sink string

func BenchmarkClean(b *testing.B) {
	para := "Thực hiện Thông tư số 23/2012/TT-BCA ngày 27/4/2012 của Bộ Công an quy định về khu dân cư, " +
		"xã, phường, thị trấn, cơ quan, doanh nghiệp, nhà trường đạt tiêu chuẩn \"An toàn về an ninh, trật tự\"."
	for _, bc := range []struct{ name, s string }{
		{"ascii", "Kinh gui: Cong an cac huyen, thi xa, thanh pho; UBND-NC"},
		{"nfc", para},
		{"nfd", norm.NFD.String(para)},
		{"crlf", strings.ReplaceAll(para, ", ", ",\r\n")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.s)))
			for b.Loop() {
				sink = Clean(bc.s)
			}
		})
	}
}
