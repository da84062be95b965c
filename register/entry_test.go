package register

import (
	"encoding/json"
	"testing"
	"time"

	"vanthu/directory"
)

func TestNumberSymbol(t *testing.T) {
	tests := []struct {
		number int
		symbol string
		want   string
	}{
		{5, "UBND-NC", "05/UBND-NC"},
		{15, "QĐ-UBND", "15/QĐ-UBND"},
		{1028, "UBND-NC", "1028/UBND-NC"},
		{1, "", "01"},
	}
	for _, tt := range tests {
		if got := NumberSymbol(tt.number, tt.symbol); got != tt.want {
			t.Errorf("NumberSymbol(%d, %q) = %q, want %q", tt.number, tt.symbol, got, tt.want)
		}
	}
}

func TestRecipientsLine(t *testing.T) {
	tests := []struct {
		name string
		r    directory.Recipients
		want string
	}{
		{"kính gửi then nơi nhận, as-above dropped",
			directory.Recipients{KinhGui: []string{"Sở Nội vụ"}, NoiNhan: []string{"Như trên", "Chủ tịch UBND tỉnh"}},
			"Sở Nội vụ; Chủ tịch UBND tỉnh"},
		{"lower-case and article references dropped",
			directory.Recipients{NoiNhan: []string{"như trên", "Như Điều 3", "Các PCT UBND tỉnh"}},
			"Các PCT UBND tỉnh"},
		{"each once, blanks dropped",
			directory.Recipients{KinhGui: []string{"Sở Nội vụ", " "}, NoiNhan: []string{" Sở Nội vụ "}},
			"Sở Nội vụ"},
		{"nothing", directory.Recipients{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RecipientsLine(tt.r); got != tt.want {
				t.Errorf("RecipientsLine = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCopies(t *testing.T) {
	r := directory.Recipients{KinhGui: []string{"Sở Nội vụ", "Sở Tài chính"},
		NoiNhan: []string{"Như trên", "Chủ tịch UBND tỉnh"}}
	tests := []struct {
		archive, want int
	}{
		{0, 4}, {1, 4}, {3, 6},
	}
	for _, tt := range tests {
		if got := Copies(r, tt.archive); got != tt.want {
			t.Errorf("Copies(archive %d) = %d, want %d", tt.archive, got, tt.want)
		}
	}
}

func TestCompleteEntry(t *testing.T) {
	recipients, _ := json.Marshal(directory.Recipients{KinhGui: []string{"Sở Nội vụ"},
		NoiNhan: []string{"Như trên"}, Archive: "VT, NC"})
	doc := Document{ID: 7, IssuerID: "ubnd-tinh", Year: 2026, Number: 5, Symbol: "UBND-NC",
		KindTitle: "Công văn", Subject: "V/v họp", Recipients: recipients}
	now := time.Date(2026, 3, 9, 23, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	t.Run("defaults from the document", func(t *testing.T) {
		got := CompleteEntry(doc, Entry{Signer: "Nguyễn Văn A", Copies: 2}, now)
		want := Entry{DocumentID: 7, IssuerID: "ubnd-tinh", Year: 2026, Number: 5,
			NumberSymbol: "05/UBND-NC", Date: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC),
			TitleSubject: "Công văn V/v họp", Signer: "Nguyễn Văn A", Recipients: "Sở Nội vụ",
			ArchiveUnit: "VT, NC", Copies: 2}
		if got != want {
			t.Errorf("CompleteEntry =\n%+v, want\n%+v", got, want)
		}
	})
	t.Run("render's columns win", func(t *testing.T) {
		e := Entry{Date: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), TitleSubject: "Giấy khen tặng X",
			Recipients: "Ông X", ArchiveUnit: "VT"}
		got := CompleteEntry(doc, e, now)
		if got.Date != e.Date || got.TitleSubject != e.TitleSubject || got.Recipients != e.Recipients || got.ArchiveUnit != e.ArchiveUnit {
			t.Errorf("CompleteEntry = %+v, kept columns changed", got)
		}
	})
}

func TestDocumentFilterPage(t *testing.T) {
	tests := []struct {
		f                   DocumentFilter
		wantLimit, wantOffs int
	}{
		{DocumentFilter{}, DefaultLimit, 0},
		{DocumentFilter{Limit: 2, Offset: 4}, 2, 4},
		{DocumentFilter{Limit: MaxLimit + 1, Offset: -1}, MaxLimit, 0},
		{DocumentFilter{Limit: -3}, DefaultLimit, 0},
	}
	for _, tt := range tests {
		if l, o := tt.f.Page(); l != tt.wantLimit || o != tt.wantOffs {
			t.Errorf("%+v.Page() = %d, %d, want %d, %d", tt.f, l, o, tt.wantLimit, tt.wantOffs)
		}
	}
}
