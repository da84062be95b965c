package typeset

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed compounds.txt
var compoundsText string

// Phrases knows where a line of Vietnamese text reads well broken: between phrases, not
// inside a word. Build it once with NewPhrases and share it; it is read-only.
type Phrases struct {
	// compounds maps the first syllable of a compound word to the rest of each compound
	// starting with it.
	compounds map[string][][]string
}

// startsPhrase reports whether a lower-case word begins a phrase: a line reads well
// starting with one.
func startsPhrase(w string) bool {
	switch w {
	case "của", "về", "và", "trong", "đối", "tại", "cho", "theo", "với", "trên", "nhằm", "để", "giai", "do":
		return true
	}
	return false
}

// NewPhrases returns the phrases of the domain: the compound words of compounds.txt and
// the extra ones a deployment adds (one word a string, "ban quản lý"), and the words that
// start a phrase.
func NewPhrases(extra ...string) *Phrases {
	p := &Phrases{compounds: map[string][][]string{}}
	lines := strings.Split(compoundsText, "\n")
	for _, line := range append(lines, extra...) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words := strings.Fields(Clean(line))
		if len(words) < 2 {
			continue // one syllable: nothing to hold together
		}
		for i, w := range words {
			words[i] = bare(w)
		}
		p.compounds[words[0]] = append(p.compounds[words[0]], words[1:])
	}
	return p
}

// Costs of a line break, as BreakCosts gives them.
const (
	BreakAfterPunct = 0    // "…, / …": the best place
	BreakBeforeWord = 10   // before "của", "về", "và", "trong", "đối với", "tại" …
	BreakPlain      = 100  // between two words with nothing to say about them
	BreakInName     = 600  // inside a proper name ("Đông / Tiến") or "năm / 2025"
	BreakInsideWord = 1000 // inside a compound word of the list ("Tổ / quốc")
)

// BreakCosts returns, for each gap between words[i] and words[i+1], the cost of breaking
// the line there (dst is reused when large enough). Words are compared in lower case, so
// titles in capitals are broken as well as running text; a proper name is recognised as
// two capitalised words in text that is not all capitals.
func (p *Phrases) BreakCosts(words []string, dst []int) []int {
	n := len(words)
	if n < 2 {
		return dst[:0]
	}
	if cap(dst) < n-1 {
		dst = make([]int, n-1)
	}
	dst = dst[:n-1]
	// The lower-case words are sliced from one string, made in one allocation.
	buf := make([]byte, 0, 64)
	ends := make([]int, n)
	allCaps := true
	for i, w := range words {
		w = trimPunct(w)
		for i := 0; i < len(w); {
			if c := w[i]; c < utf8.RuneSelf {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				} else if 'a' <= c && c <= 'z' {
					allCaps = false
				}
				buf = append(buf, c)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(w[i:])
			if allCaps && unicode.IsLower(r) {
				allCaps = false
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			i += size
		}
		ends[i] = len(buf)
	}
	all := string(buf)
	lower := make([]string, n)
	start := 0
	for i, end := range ends {
		lower[i], start = all[start:end], end
	}
	quoted := false // inside “…”: a quoted name reads best whole
	for i := range dst {
		w, next := words[i], words[i+1]
		if strings.Contains(w, "“") {
			quoted = true
		}
		if strings.Contains(w, "”") {
			quoted = false
		}
		switch {
		case quoted:
			dst[i] = BreakInName
		case endsWithPunct(w) || strings.HasPrefix(next, "“") || strings.HasPrefix(next, "("):
			dst[i] = BreakAfterPunct
		case startsPhrase(lower[i+1]):
			dst[i] = BreakBeforeWord
		case !allCaps && capitalised(w) && capitalised(next):
			dst[i] = BreakInName
		case isDatePart(lower, i):
			dst[i] = BreakInName
		default:
			dst[i] = BreakPlain
		}
	}
	// A compound covering the gap wins over everything but punctuation inside it.
	for s := range n {
		for _, rest := range p.compounds[lower[s]] {
			if s+len(rest) >= n {
				continue
			}
			match := true
			for k, r := range rest {
				if lower[s+1+k] != r {
					match = false
					break
				}
			}
			if match {
				for g := s; g < s+len(rest); g++ {
					dst[g] = BreakInsideWord
				}
			}
		}
	}
	return dst
}

// isDatePart reports whether the gap after lower[i] falls inside a number or a date:
// "số / 15", "ngày / 21", "21 / tháng", "tháng / 7", "7 / năm", "năm / 2025".
func isDatePart(lower []string, i int) bool {
	w, next := lower[i], lower[i+1]
	switch {
	case (w == "số" || w == "ngày" || w == "tháng" || w == "năm") && startsWithDigit(next):
		return true
	case startsWithDigit(w) && (next == "tháng" || next == "năm") && i > 0 && (lower[i-1] == "ngày" || lower[i-1] == "tháng"):
		return true
	}
	return false
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// bare returns a word in lower case without the punctuation around it.
func bare(w string) string { return strings.ToLower(trimPunct(w)) }

// trimPunct trims quotes, brackets and punctuation from both ends of a word. It is what
// strings.Trim(w, "“”\"'(),;:.") does, without its slow path for a cutset that is not ASCII.
func trimPunct(w string) string {
	for {
		switch {
		case w == "":
			return w
		case strings.IndexByte("\"'(),;:.", w[0]) >= 0:
			w = w[1:]
		case strings.HasPrefix(w, "“") || strings.HasPrefix(w, "”"):
			w = w[len("“"):]
		case strings.IndexByte("\"'(),;:.", w[len(w)-1]) >= 0:
			w = w[:len(w)-1]
		case strings.HasSuffix(w, "“") || strings.HasSuffix(w, "”"):
			w = w[:len(w)-len("”")]
		default:
			return w
		}
	}
}

func endsWithPunct(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune(",;:.)”", r)
}

func capitalised(w string) bool {
	w = strings.TrimLeft(w, "“(\"")
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
