package register

import (
	"encoding/json"
	"strings"
	"time"

	"vanthu/directory"
	"vanthu/typeset"
)

// RenderFunc renders the .docx of a document being issued with the number it has been
// given, and the register line's columns only the document knows (signer, copies, and
// optionally date, recipients, archive unit and title; see CompleteEntry). Whoever numbers
// documents calls it while it holds the number: it must have no other effect, because it
// may be called again with the same number if the numbering has to be run again, and it
// should be quick, because on one issuer's series the next issue waits for it.
type RenderFunc func(number int) (docx []byte, entry Entry, err error)

// NumberSymbol writes the Số, ký hiệu of Decree 30: the number, with a leading zero below
// 10, "/" and the symbol: "05/UBND-NC", "1028/UBND-NC".
func NumberSymbol(number int, symbol string) string {
	if symbol == "" {
		return typeset.TwoDigits(number)
	}
	return typeset.TwoDigits(number) + "/" + symbol
}

// CompleteEntry completes the register line e that render returned for the issued doc,
// issued at now: it sets the document, issuer, year, number, Số ký hiệu, secrecy, urgency and date (the
// document's own date when e has one, else the day of now); an empty TitleSubject becomes
// "KindTitle Subject", empty Recipients the RecipientsLine of the document's recipients, an
// empty ArchiveUnit their archive line.
func CompleteEntry(doc Document, e Entry, now time.Time) Entry {
	e.DocumentID, e.IssuerID, e.Year, e.Number = doc.ID, doc.IssuerID, doc.Year, doc.Number
	e.NumberSymbol = NumberSymbol(doc.Number, doc.Symbol)
	e.Secrecy, e.Urgency = doc.Secrecy, doc.Urgency
	// A calendar date, kept as midnight UTC so both databases store and return the same day.
	day := now
	if !e.Date.IsZero() {
		day = e.Date
	}
	e.Date = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	if e.TitleSubject == "" {
		e.TitleSubject = strings.TrimSpace(doc.KindTitle + " " + doc.Subject)
	}
	var r directory.Recipients
	if (e.Recipients == "" || e.ArchiveUnit == "") && json.Unmarshal(doc.Recipients, &r) == nil {
		if e.Recipients == "" {
			e.Recipients = RecipientsLine(r)
		}
		if e.ArchiveUnit == "" {
			e.ArchiveUnit = r.Archive
		}
	}
	return e
}

// RecipientsLine is the register's Nơi nhận: the Kính gửi lines, then the Nơi nhận items
// that are not "Như trên" / "Như Điều 3" (which point back at the Kính gửi or the body),
// each once, joined by "; ".
func RecipientsLine(r directory.Recipients) string {
	var items []string
	seen := map[string]bool{}
	for _, s := range append(append([]string{}, r.KinhGui...), r.NoiNhan...) {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] || directory.IsAsAbove(s) {
			continue
		}
		seen[s] = true
		items = append(items, s)
	}
	return strings.Join(items, "; ")
}

// Copies is the register's Số lượng bản: one copy per Kính gửi line, one per Nơi nhận item
// that is not "Như …" (those recipients already have theirs), and the archive copies, at
// least one.
func Copies(r directory.Recipients, archive int) int {
	n := len(r.KinhGui)
	for _, item := range r.NoiNhan {
		if !directory.IsAsAbove(item) {
			n++
		}
	}
	return n + max(archive, 1)
}
