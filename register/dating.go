package register

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"vanthu/templates"
)

// Vietnam is the time zone of the register: Indochina Time, UTC+7, without daylight
// saving. A document issued at 00:30 on 2 March in Hà Nội is dated 2 March, although it is
// still 1 March in UTC, where the server's clock may run.
var Vietnam = time.FixedZone("ICT", 7*60*60)

// Day returns the calendar day of t in Vietnam, as midnight UTC: the form in which the
// register keeps a date, so that both databases store and return the same day.
func Day(t time.Time) time.Time {
	t = t.In(Vietnam)
	return DateOf(t.Year(), int(t.Month()), t.Day())
}

// DateOf returns a calendar day as midnight UTC.
func DateOf(year, month, day int) time.Time {
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// FormatDate writes a day as the register prints it: "01/02/2016".
func FormatDate(d time.Time) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day(), int(d.Month()), d.Year())
}

// The plausible dates of any document, issued or not: none is dated before 1945, the year
// the state whose paperwork this is was founded, and none more than a year ahead, which
// no plan or invitation needs. 0001-01-01, 1900-01-01 and 9999-12-31 are typing slips or
// tests of the system, never dates of a document.
const (
	FirstYear       = 1945
	maxFutureYears  = 1
	maxWindowInDays = 366
)

// Plausible reports whether d may date a document at all, today being today; a draft may
// carry any plausible date.
func Plausible(d, today time.Time) bool {
	return d.Year() >= FirstYear && !d.After(today.AddDate(maxFutureYears, 0, 0))
}

// PlausibleMessage is the message for a date that is not plausible; label names the field.
func PlausibleMessage(label string, d, today time.Time) string {
	return fmt.Sprintf(MsgDateImplausible, label, FormatDate(d), FormatDate(today.AddDate(maxFutureYears, 0, 0)))
}

// Window is how far from the day of issue an issuer may date a document. The zero Window
// is the rule of the house: a document is dated the day it is numbered. Decree 30 has the
// văn thư number and date a document when it is issued; a window is for a body whose
// practice needs one, and for an archive typing in old documents.
type Window struct {
	// BackdateDays is how many days before the day of issue a date may be.
	BackdateDays int `json:"backdate_days"`
	// FutureDays is how many days after it a date may be.
	FutureDays int `json:"future_days"`
	// Earliest, "2016-01-01", allows any date from that day to the day of issue, whatever
	// BackdateDays says: an archive re-entering the documents of its years.
	Earliest string `json:"earliest,omitempty"`
	// Note says why, for whoever reads the file.
	Note string `json:"note,omitempty"`

	earliest time.Time
}

// Range returns the first and last dates the window allows on the day today.
func (w Window) Range(today time.Time) (from, to time.Time) {
	from, to = today.AddDate(0, 0, -w.BackdateDays), today.AddDate(0, 0, w.FutureDays)
	if !w.earliest.IsZero() && w.earliest.Before(from) {
		from = w.earliest
	}
	return from, to
}

// Check returns "" when d may date a document issued today, else the message saying what
// is allowed; label names the date field.
func (w Window) Check(label string, d, today time.Time) string {
	from, to := w.Range(today)
	switch {
	case !d.Before(from) && !d.After(to):
		return ""
	case from.Equal(today) && to.Equal(today):
		return fmt.Sprintf(MsgDateNotToday, label, FormatDate(today), FormatDate(d))
	default:
		return fmt.Sprintf(MsgDateOutsideWindow, label, FormatDate(from), FormatDate(to), FormatDate(d))
	}
}

// Dating is the date configuration of the issuers: templates/register/dating.json.
type Dating struct {
	// Default is the window of an issuer the file does not name.
	Default Window `json:"default"`
	// Units gives a unit, and every unit under it, its own window; the nearest named
	// ancestor wins.
	Units map[string]Window `json:"units,omitempty"`
}

// ParseDating reads and checks a dating file.
func ParseDating(data []byte) (Dating, error) {
	var d Dating
	if err := templates.DecodeStrict(data, &d); err != nil {
		return Dating{}, err
	}
	var problems []string
	check := func(where string, w *Window) {
		if w.BackdateDays < 0 || w.FutureDays < 0 || w.BackdateDays > maxWindowInDays || w.FutureDays > maxWindowInDays {
			problems = append(problems, fmt.Sprintf("%s: backdate_days and future_days must be between 0 and %d (use earliest for an archive)", where, maxWindowInDays))
		}
		if w.Earliest != "" {
			t, err := time.Parse("2006-01-02", w.Earliest)
			if err != nil || t.Year() < FirstYear {
				problems = append(problems, fmt.Sprintf("%s: earliest %q is not a date from %d on, written 2016-01-01", where, w.Earliest, FirstYear))
			}
			w.earliest = t
		}
	}
	check("default", &d.Default)
	ids := make([]string, 0, len(d.Units))
	for id := range d.Units {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		w := d.Units[id]
		check("units."+id, &w)
		d.Units[id] = w
	}
	if len(problems) > 0 {
		return Dating{}, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return d, nil
}

// WindowFor returns the window of the issuer whose id and ancestors' ids are chain, the
// issuer first.
func (d Dating) WindowFor(chain []string) Window {
	for _, id := range chain {
		if w, ok := d.Units[id]; ok {
			return w
		}
	}
	return d.Default
}

// SeriesOrderMessage returns the message refusing date for the next number of a series
// whose last number, previous, is dated prevDate, and whether it must be refused: within a
// series a later number never has an earlier date.
func SeriesOrderMessage(previous string, prevDate, date time.Time) (string, bool) {
	if !date.Before(prevDate) {
		return "", false
	}
	return fmt.Sprintf(MsgDateBeforePrevious, FormatDate(date), FormatDate(prevDate), previous), true
}

// FieldIssueDate names the date of issue in an error when the form has no date field of
// its own (the secretariat renames it to the form's field when there is one).
const FieldIssueDate = "ngay_thang"
