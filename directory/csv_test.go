package directory

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"vanthu/apperr"
)

func TestCSVRoundTripDemo(t *testing.T) {
	for _, tt := range []struct {
		file  string
		read  func(*bytes.Reader) (any, error)
		write func(*bytes.Buffer, any) error
	}{
		{
			file:  "units.csv",
			read:  func(r *bytes.Reader) (any, error) { return ReadCSV(r) },
			write: func(w *bytes.Buffer, v any) error { return WriteCSV(w, v.([]Unit)) },
		},
		{
			file:  "groups.csv",
			read:  func(r *bytes.Reader) (any, error) { return ReadGroupsCSV(r) },
			write: func(w *bytes.Buffer, v any) error { return WriteGroupsCSV(w, v.([]Group)) },
		},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile("../templates/directory/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			first, err := tt.read(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			var buf bytes.Buffer
			if err := tt.write(&buf, first); err != nil {
				t.Fatalf("write: %v", err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte(bom)) {
				t.Errorf("written file does not start with a BOM")
			}
			second, err := tt.read(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatalf("read again: %v", err)
			}
			if !reflect.DeepEqual(first, second) {
				t.Errorf("read → write → read changed the data")
			}
			// The demo file is kept in the form WriteCSV writes, so a re-export diffs clean.
			if !bytes.Equal(buf.Bytes(), data) {
				t.Errorf("the demo file is not in the form WriteCSV writes")
			}
		})
	}
}

func TestReadCSV(t *testing.T) {
	header := "id,parent_id,kind,name,short_name,label,head_title,place\n"
	tests := []struct {
		name  string
		input string
		want  []Unit
	}{
		{
			name:  "with a BOM",
			input: bom + header + "tinh,,province,Tỉnh Thanh Hoá,,,,Thanh Hoá\n",
			want:  []Unit{{ID: "tinh", Kind: Province, Name: "Tỉnh Thanh Hoá", Place: "Thanh Hoá"}},
		},
		{
			name:  "columns in another order, optional ones left out, blank lines, CRLF",
			input: "name,kind,id,parent_id\r\nTỉnh A,province,tinh,\r\n,,,\r\n\r\nUBND tỉnh A,people-committee,ubnd,tinh\r\n",
			want: []Unit{
				{ID: "tinh", Kind: Province, Name: "Tỉnh A"},
				{ID: "ubnd", ParentID: "tinh", Kind: PeopleCommittee, Name: "UBND tỉnh A"},
			},
		},
		{
			name:  "semicolon separator, NFD text, spaces",
			input: "id;parent_id;kind;name\n tinh ;;Province;Ti\u0309nh  Thanh Hoa\u0301\n",
			want:  []Unit{{ID: "tinh", Kind: Province, Name: "Tỉnh Thanh Hoá"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadCSV(strings.NewReader(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ReadCSV =\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	header := "id,parent_id,kind,name,short_name,label,head_title,place\n"
	tests := []struct {
		name  string
		input string
		code  apperr.Code
		want  []string
	}{
		{"empty file", "", apperr.BadInput, []string{"tệp trống"}},
		{"unknown column", "id,kind,name,email\n", apperr.BadInput, []string{`dòng 1: cột "email" không hợp lệ`}},
		{"missing column", "id,kind\n", apperr.BadInput, []string{`dòng 1: thiếu cột "name"`}},
		{"column twice", "id,kind,name,name\n", apperr.BadInput, []string{`dòng 1: cột "name" ghi hai lần`}},
		{
			"missing name on line 5",
			header + "a,,province,Tỉnh A,,,,\nb,a,commune,Xã B,,,,\n\nc,b,people-committee,,,,,\n",
			apperr.Invalid,
			[]string{"dòng 5: thiếu tên đơn vị (name)"},
		},
		{
			"several problems with their lines",
			header + "a,,province,Tỉnh A,,,,\na,,province,Tỉnh B,,,,\n,a,commune,Xã C,,,,\nd,x,bộ,Bộ D,,,,\n",
			apperr.Invalid,
			[]string{
				`dòng 3: mã đơn vị "a" trùng với dòng 2`,
				"dòng 4: thiếu mã đơn vị (id)",
				`dòng 5: loại đơn vị (kind) "bộ" không hợp lệ`,
				`dòng 5: đơn vị cha (parent_id) "x" không có trong tệp`,
			},
		},
		{"too many fields", header + "a,,province,Tỉnh A,,,,,extra\n", apperr.BadInput, []string{"dòng 2: có 9 cột"}},
		{"bad quote", header + "a,,province,\"Tỉnh \"A\",,,,\n", apperr.BadInput, []string{"dòng 2: tệp CSV không đọc được"}},
		{"multi-line field keeps line numbers", header + "a,,province,\"Tỉnh\nA\",,,,\nb,a,commune,,,,,\n", apperr.Invalid, []string{"dòng 4: thiếu tên"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tt.input))
			if err == nil {
				t.Fatalf("ReadCSV succeeded, want %q", tt.want)
			}
			if code := apperr.CodeOf(err); code != tt.code {
				t.Errorf("code = %s, want %s (%v)", code, tt.code, err)
			}
			msg := apperr.As(err).Message
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q\ndoes not contain %q", msg, w)
				}
			}
		})
	}
}

func TestReadGroupsCSV(t *testing.T) {
	t.Run("members split and trimmed", func(t *testing.T) {
		got, err := ReadGroupsCSV(strings.NewReader(bom + "id,name,members\ng,\"Các sở, ngành\",\" so-a ; so-b;\"\n"))
		if err != nil {
			t.Fatal(err)
		}
		want := []Group{{ID: "g", Name: "Các sở, ngành", Members: []string{"so-a", "so-b"}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %#v, want %#v", got, want)
		}
	})
	t.Run("errors with line numbers", func(t *testing.T) {
		_, err := ReadGroupsCSV(strings.NewReader("id,name,members\ng,Nhóm,a\ng,,\n"))
		if err == nil {
			t.Fatal("no error")
		}
		msg := apperr.As(err).Message
		for _, w := range []string{`dòng 3: mã nhóm "g" trùng với dòng 2`, "dòng 3: thiếu tên nhóm", "dòng 3: nhóm chưa có thành viên"} {
			if !strings.Contains(msg, w) {
				t.Errorf("message %q does not contain %q", msg, w)
			}
		}
	})
}

// TestShortNameRule: a short name goes into document numbers, so a CSV with one that is not
// a symbol part is refused, while a tree built from stored units (filled before the rule)
// still loads and reports it.
func TestShortNameRule(t *testing.T) {
	for _, tt := range []struct {
		short string
		ok    bool
	}{
		{"UBND", true}, {"BCĐ138", true}, {"CAT-PV11", true}, {"", true},
		{"BCĐ 138", false}, {"-NC", false}, {"NC-", false}, {"ubnd", false}, {"UBND/NC", false}, {"=1+1", false},
	} {
		csv := "id,kind,name,short_name\nx,province,Tỉnh X," + tt.short + "\n"
		_, err := ReadCSV(strings.NewReader(csv))
		if (err == nil) != tt.ok {
			t.Errorf("ReadCSV with short_name %q: %v, want ok %v", tt.short, err, tt.ok)
		}
		tree, err := NewTree([]Unit{{ID: "x", Kind: Province, Name: "Tỉnh X", ShortName: tt.short}}, nil)
		if err != nil {
			t.Fatalf("NewTree with short_name %q: %v", tt.short, err)
		}
		if err := tree.CheckShortNames(); (err == nil) != tt.ok {
			t.Errorf("CheckShortNames with %q: %v, want ok %v", tt.short, err, tt.ok)
		}
	}
}
