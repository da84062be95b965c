package committee

import (
	"fmt"
	"strings"
	"time"

	"vanthu/apperr"
)

// Gender is a person's sex as the commendation rules need it (the medal asks 15 years of
// service of men and 10 of women).
type Gender string

// The genders.
const (
	Male   Gender = "nam"
	Female Gender = "nu"
)

// Person is someone who sits on bodies or is proposed for an award.
type Person struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Gender    Gender `json:"gender"`
	BirthYear int    `json:"birth_year"`
	// UnitID is the directory unit the person works in or lives in (a village for most
	// team members).
	UnitID string `json:"unit_id"`
	// Position is the person's post, printed in lists: "Phó Chủ tịch UBND xã".
	Position string `json:"position"`
	Address  string `json:"address"`
	Phone    string `json:"phone,omitempty"`
}

// Title returns "Ông" or "Bà", as lists and certificates name a person.
func (p *Person) Title() string {
	if p.Gender == Female {
		return "Bà"
	}
	return "Ông"
}

// Clean normalises the text fields (NFC, single spaces) and checks the person, naming
// each faulty field in Vietnamese. now bounds the year of birth.
func (p *Person) Clean(now time.Time) error {
	p.Name = cleanText(p.Name)
	p.UnitID = strings.TrimSpace(p.UnitID)
	p.Position = cleanText(p.Position)
	p.Address = cleanText(p.Address)
	p.Phone = strings.TrimSpace(p.Phone)
	f := map[string]string{}
	switch {
	case p.Name == "":
		f["name"] = msgNameRequired
	case len([]rune(p.Name)) > 100:
		f["name"] = msgNameTooLong
	}
	if p.Gender != Male && p.Gender != Female {
		f["gender"] = msgGender
	}
	if p.BirthYear < 1900 || p.BirthYear > now.Year()-16 {
		f["birth_year"] = fmt.Sprintf(msgBirthYear, now.Year()-16)
	}
	if len([]rune(p.Position)) > 200 {
		f["position"] = msgPositionTooLong
	}
	if len([]rune(p.Address)) > 300 {
		f["address"] = msgAddressTooLong
	}
	if len(f) > 0 {
		return apperr.InvalidFields(f)
	}
	return nil
}
