package committee

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day written "2006-01-02". Dates in that form compare as strings, which
// keeps composition queries plain in SQL and cheap in Go.
type Date string

const dateLayout = "2006-01-02"

// ParseDate reads "2006-01-02" or the Vietnamese "02/01/2006".
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{dateLayout, "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date(t.Format(dateLayout)), nil
		}
	}
	return "", fmt.Errorf("ngày %q không hợp lệ (dạng 2025-07-01 hoặc 01/07/2025)", s)
}

// DateOf returns the calendar day of t in its own location.
func DateOf(t time.Time) Date { return Date(t.Format(dateLayout)) }

// Time returns the day at midnight UTC; the zero time for an empty or broken date.
func (d Date) Time() time.Time {
	t, _ := time.Parse(dateLayout, string(d))
	return t
}

// Valid reports whether d is a real day in the stored form.
func (d Date) Valid() bool {
	t, err := time.Parse(dateLayout, string(d))
	return err == nil && t.Format(dateLayout) == string(d)
}

// Year returns the year of d, 0 when d is not valid.
func (d Date) Year() int {
	if !d.Valid() {
		return 0
	}
	return d.Time().Year()
}

// Vietnamese returns d as "01/07/2025".
func (d Date) Vietnamese() string {
	if !d.Valid() {
		return ""
	}
	return d.Time().Format("02/01/2006")
}
