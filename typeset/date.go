package typeset

import (
	"strconv"
	"strings"
)

// digitPairs holds "00" to "99" so that TwoDigits can slice it instead of allocating.
const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

// TwoDigits writes n with a leading zero below 10 ("05"), as Decree 30 wants for document
// numbers and for days. Numbers from 10 up, and negative numbers, are written as they are.
func TwoDigits(n int) string {
	if n >= 0 && n < 100 {
		return digitPairs[2*n : 2*n+2]
	}
	return strconv.Itoa(n)
}

// Month writes the month of a date as Decree 30 wants it: January and February with a
// leading zero ("01", "02"), March to December without ("3", "12"), so that "tháng 1"
// cannot be altered into "tháng 11" or "tháng 12" by hand. Every date the product prints
// writes its month with this.
func Month(month int) string {
	if month == 1 || month == 2 {
		return TwoDigits(month)
	}
	return strconv.Itoa(month)
}

// NumericDate writes a date in running text the way the seed does: "14/02/2008",
// "19/3/2008" — the day in TwoDigits, the month as Month, the year in full.
func NumericDate(year, month, day int) string {
	return TwoDigits(day) + "/" + Month(month) + "/" + strconv.Itoa(year)
}

// dateBlank stands for a date part left to be filled in by hand: three ordinary spaces, so
// that with the spaces around it there are five between the words, room for two handwritten
// digits at 13–14 pt. Ordinary spaces, not non-breaking ones, so that the line still justifies
// and wraps like typed text; the XML writer must keep them (xml:space="preserve").
const dateBlank = "   "

// DateWords writes a date the way Decree 30 wants it in the place-and-date line:
// "ngày 01 tháng 02 năm 2016". Days 1–9 and months 1–2 get a leading zero; months 3–12 are
// written without one ("tháng 6"): the zero is there so that "tháng 1" cannot be altered into
// "tháng 11" or "tháng 12" by hand.
//
// A part that is 0 is left blank to be filled in by hand, so the zero date prints
// "ngày     tháng     năm    " (five spaces between the words and four after "năm"); a
// draft dated only by its year prints "ngày     tháng     năm 2025". Out-of-range values are
// written as given: DateWords typesets, it does not validate.
func DateWords(year, month, day int) string {
	var b strings.Builder
	b.Grow(len("ngày 01 tháng 02 năm 2016") + 4)
	b.WriteString("ngày ")
	if day == 0 {
		b.WriteString(dateBlank)
	} else {
		b.WriteString(TwoDigits(day))
	}
	b.WriteString(" tháng ")
	if month == 0 {
		b.WriteString(dateBlank)
	} else {
		b.WriteString(Month(month))
	}
	b.WriteString(" năm ")
	if year == 0 {
		b.WriteString(dateBlank)
	} else {
		b.WriteString(strconv.Itoa(year))
	}
	return b.String()
}

// PlaceDate writes the địa danh and date line: "Thanh Hoá, ngày 01 tháng 02 năm 2016". The
// place is cleaned and trimmed of surrounding spaces and of a trailing comma the user may have
// typed; when it is empty the line is just DateWords.
func PlaceDate(place string, year, month, day int) string {
	place = strings.TrimRight(strings.TrimSpace(Clean(place)), ", ")
	if place == "" {
		return DateWords(year, month, day)
	}
	return place + ", " + DateWords(year, month, day)
}
