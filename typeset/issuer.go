package typeset

import (
	"strings"
	"unicode"
)

// localityPhrases name an administrative unit; the issuer's name reads best when a line
// starts with one ("ỦY BAN NHÂN DÂN / TỈNH THANH HOÁ") and worst when one ends a line, cut
// from the name that follows it ("ỦY BAN NHÂN DÂN TỈNH / THANH HOÁ"). A word inside a longer
// phrase, the XÃ of "THỊ XÃ", does not count as a locality of its own.
var localityPhrases = [][]string{
	{"THÀNH", "PHỐ"},
	{"THỊ", "XÃ"},
	{"THỊ", "TRẤN"},
	{"ĐẶC", "KHU"},
	{"TỈNH"},
	{"HUYỆN"},
	{"QUẬN"},
	{"XÃ"},
	{"PHƯỜNG"},
}

// securityPhrases start the field of a steering committee or team ("BAN CHỈ ĐẠO / AN NINH,
// TRẬT TỰ / TỈNH THANH HOÁ"): the second-best place to break.
var securityPhrases = [][]string{
	{"AN", "NINH"},
	{"AN", "TOÀN"},
	{"ANTT"},
	{"ANXH"},
	{"ANTQ"},
}

// keepTogether are words a line should not end inside, besides the locality and security
// phrases: Vietnamese writes a space between the syllables of a word, so "ỦY BAN NHÂN /
// DÂN" breaks a word. The list holds the words common in issuers' names; others are left to
// the balance rule. "XÃ HỘI" (society) is listed also so that its XÃ is not taken for a
// commune ("BẢO HIỂM XÃ HỘI").
var keepTogether = [][]string{
	{"XÃ", "HỘI"},
	{"AN", "NINH", "TRẬT", "TỰ"},
	{"ỦY", "BAN"}, {"UỶ", "BAN"},
	{"NHÂN", "DÂN"},
	{"CÔNG", "AN"},
	{"CHỈ", "ĐẠO"},
	{"TRẬT", "TỰ"},
	{"HỘI", "ĐỒNG"},
	{"MẶT", "TRẬN"},
	{"TỔ", "QUỐC"},
	{"VIỆT", "NAM"},
	{"THƯỜNG", "TRỰC"},
	{"THƯỜNG", "VỤ"},
	{"ĐẢNG", "ỦY"}, {"ĐẢNG", "UỶ"},
	{"LAO", "ĐỘNG"},
	{"THƯƠNG", "BINH"},
	{"VĂN", "PHÒNG"},
	{"KHU", "DÂN", "CƯ"},
	{"TỔ", "DÂN", "PHỐ"},
	{"BẢO", "VỆ"},
	{"BẢO", "HIỂM"},
	{"PHONG", "TRÀO"},
	{"TOÀN", "DÂN"},
	{"THI", "ĐUA"},
	{"KHEN", "THƯỞNG"},
	{"TƯ", "PHÁP"},
	{"NỘI", "VỤ"},
	{"TÀI", "CHÍNH"},
	{"GIÁO", "DỤC"},
	{"ĐÀO", "TẠO"},
	{"Y", "TẾ"},
	{"THANH", "TRA"},
}

// maxSearchWords bounds the words of one line-group searched exhaustively; a longer name (none
// is, in practice) is wrapped greedily instead.
const maxSearchWords = 24

// SplitIssuer splits an issuing body's name (already upper case) over lines that each fit
// maxPt points at face f, size pt, breaking only at spaces.
//
// Decree 30 centres the cơ quan ban hành, in bold capitals, in a header column about half the
// width of the text; a long name needs two or three lines, and where it breaks changes how it
// reads. A "\n" in s forces a break (the user knows best); each part is then still wrapped if
// it is too long. Within a part, of the splits whose lines fit, SplitIssuer chooses:
//
//  1. the fewest bad breaks: Vietnamese puts a space between the syllables of a word, so
//     "NHÂN / DÂN", "THỊ / XÃ" or "AN / NINH" cut a word (the worst); "AN NINH, / TRẬT TỰ"
//     cuts a phrase; "TỈNH / THANH HOÁ" or "ĐÔNG / SƠN" cut a unit from its name (a place
//     name runs from a locality word to the next locality word, security phrase or comma);
//     a line starting with a dash reads as a list item. To avoid a bad break it takes one
//     line more than the fewest possible, never two;
//  2. the fewest lines;
//  3. the fewest one-word lines;
//  4. the most lines starting with a locality word (TỈNH, THÀNH PHỐ, HUYỆN, QUẬN, THỊ XÃ, XÃ,
//     PHƯỜNG, THỊ TRẤN, ĐẶC KHU);
//  5. the most lines starting with a security phrase (AN NINH, AN TOÀN, ANTT, ANXH, ANTQ);
//  6. the most balanced lines (least difference between the longest and the shortest).
//
// Spaces are collapsed; blank input gives no lines. A word wider than maxPt gets a line of
// its own and overflows, since words are never broken. maxPt <= 0 means no width limit: only
// the forced breaks split the name.
func SplitIssuer(s string, f Face, pt, maxPt float64) []string {
	var lines []string
	for part := range strings.SplitSeq(Clean(s), "\n") {
		words := strings.Fields(part)
		if len(words) == 0 {
			continue
		}
		lines = append(lines, splitPart(words, f, pt, maxPt)...)
	}
	return lines
}

// splitPart wraps the words of one forced line.
func splitPart(words []string, f Face, pt, maxPt float64) []string {
	sp := newSplitter(words, f, pt, maxPt)
	if maxPt <= 0 || sp.width(0, len(words)) <= maxPt {
		return []string{strings.Join(words, " ")}
	}
	breaks := sp.greedy()
	if len(words) <= maxSearchWords {
		fewest := len(breaks) + 1
		best, bestScore, found := sp.best(fewest)
		if more, moreScore, ok := sp.best(fewest + 1); ok && (!found || moreScore.better(bestScore)) {
			best, found = more, true
		}
		if found {
			breaks = best
		}
	}
	lines := make([]string, 0, len(breaks)+1)
	start := 0
	for _, b := range append(breaks, len(words)) {
		lines = append(lines, strings.Join(words[start:b], " "))
		start = b
	}
	return lines
}

// breakKind describes a break before word i.
type breakKind struct {
	inWord   bool // inside a word or phrase ("NHÂN / DÂN", "THỊ / XÃ")
	inPhrase bool // inside a phrase, after a comma ("AN NINH, / TRẬT TỰ")
	inName   bool // inside a place name ("TỈNH / THANH HOÁ", "ĐÔNG / SƠN")
	dash     bool // the new line would start with a dash ("THI ĐUA / - KHEN THƯỞNG")
	locality bool // the new line starts with a locality word
	security bool // the new line starts with a security phrase
}

// cost rates how badly a break reads: cutting a word is worse than cutting a phrase at its
// comma, a place name ("THÀNH / PHỐ" against "THÀNH PHỐ / HỒ CHÍ MINH") or starting a line
// with a dash.
func (k breakKind) cost() int {
	c := 0
	switch {
	case k.inWord:
		c += 2
	case k.inPhrase:
		c++
	}
	if k.inName {
		c++
	}
	if k.dash {
		c++
	}
	return c
}

type splitter struct {
	words  []string
	prefix []float64 // prefix[j]: the width of words[:j], without the spaces between them
	space  float64
	maxPt  float64
	kinds  []breakKind // kinds[i]: a break before words[i]
}

func newSplitter(words []string, f Face, pt, maxPt float64) *splitter {
	sp := &splitter{
		words:  words,
		prefix: make([]float64, len(words)+1),
		space:  Width(" ", f, pt),
		maxPt:  maxPt,
		kinds:  make([]breakKind, len(words)),
	}
	for i, w := range words {
		sp.prefix[i+1] = sp.prefix[i] + Width(w, f, pt)
		sp.kinds[i].dash = w == "-" || w == "–" || w == "—"
	}
	// Phrases are matched on the words in upper case without trailing punctuation ("NINH,").
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = strings.ToUpper(strings.TrimRightFunc(w, unicode.IsPunct))
	}
	markInside := func(i, n int) {
		for j := i + 1; j < i+n; j++ {
			if endsInPunct(words[j-1]) {
				sp.kinds[j].inPhrase = true
			} else {
				sp.kinds[j].inWord = true
			}
		}
	}
	for i := range words {
		// "XÃ HỘI" (society) is a word of its own, not a commune.
		if n := matchPhrase(keys, i, keepTogether); n > 0 {
			markInside(i, n)
		} else if n := matchPhrase(keys, i, localityPhrases); n > 0 {
			sp.kinds[i].locality = true
			markInside(i, n)
		}
		if n := matchPhrase(keys, i, securityPhrases); n > 0 {
			sp.kinds[i].security = true
			markInside(i, n)
		}
	}
	// A line starting inside a word starts with neither: "THỊ XÃ" holds a "XÃ".
	for i := range words {
		if sp.kinds[i].inWord || sp.kinds[i].inPhrase {
			sp.kinds[i].locality = false
			sp.kinds[i].security = false
		}
	}
	// A place name runs from its locality word to the next locality word or security phrase,
	// or to a comma: "XÃ ĐÔNG TIẾN | HUYỆN ĐÔNG SƠN | TỈNH THANH HOÁ".
	for i := range words {
		if !sp.kinds[i].locality || endsInPunct(words[i]) {
			continue
		}
		for j := i + 1; j < len(words) && !sp.kinds[j].locality && !sp.kinds[j].security; j++ {
			sp.kinds[j].inName = true
			if endsInPunct(words[j]) {
				break
			}
		}
	}
	return sp
}

func endsInPunct(word string) bool {
	return strings.TrimRightFunc(word, unicode.IsPunct) != word
}

// matchPhrase returns the length of the first phrase that keys[i:] starts with, or 0.
func matchPhrase(keys []string, i int, phrases [][]string) int {
next:
	for _, p := range phrases {
		if i+len(p) > len(keys) {
			continue
		}
		for k, w := range p {
			if keys[i+k] != w {
				continue next
			}
		}
		return len(p)
	}
	return 0
}

// width is the width of the line words[i:j].
func (sp *splitter) width(i, j int) float64 {
	return sp.prefix[j] - sp.prefix[i] + sp.space*float64(j-i-1)
}

// fits reports whether words[i:j] may form a line: it fits, or it is one word that fits
// nowhere.
func (sp *splitter) fits(i, j int) bool {
	return j == i+1 || sp.width(i, j) <= sp.maxPt
}

// greedy fills each line as far as it goes; it gives the fewest lines possible.
func (sp *splitter) greedy() []int {
	var breaks []int
	start := 0
	for j := 1; j < len(sp.words); j++ {
		if !sp.fits(start, j+1) {
			breaks = append(breaks, j)
			start = j
		}
	}
	return breaks
}

// splitScore ranks a split; see SplitIssuer for the order.
type splitScore struct {
	overflow float64
	bad      int // the sum of the breaks' costs
	lines    int
	oneWord  int
	locality int
	security int
	spread   float64
}

func (a splitScore) better(b splitScore) bool {
	switch {
	case a.overflow != b.overflow:
		return a.overflow < b.overflow
	case a.bad != b.bad:
		return a.bad < b.bad
	case a.lines != b.lines:
		return a.lines < b.lines
	case a.oneWord != b.oneWord:
		return a.oneWord < b.oneWord
	case a.locality != b.locality:
		return a.locality > b.locality
	case a.security != b.security:
		return a.security > b.security
	}
	return a.spread < b.spread
}

// best searches every split into exactly lines lines whose lines fit; it returns the breaks of
// the best one and its score, or false if there is none.
func (sp *splitter) best(lines int) ([]int, splitScore, bool) {
	var (
		cur, best []int
		bestScore splitScore
		found     bool
	)
	n := len(sp.words)
	var walk func(start, left int)
	walk = func(start, left int) {
		if left == 1 {
			if !sp.fits(start, n) {
				return
			}
			cur = append(cur, n)
			if sc := sp.score(cur); !found || sc.better(bestScore) {
				best, bestScore, found = append(best[:0], cur[:len(cur)-1]...), sc, true
			}
			cur = cur[:len(cur)-1]
			return
		}
		// Leave at least one word for each line still to come.
		for end := start + 1; end <= n-left+1 && sp.fits(start, end); end++ {
			cur = append(cur, end)
			walk(end, left-1)
			cur = cur[:len(cur)-1]
		}
	}
	if lines >= 1 && lines <= n {
		walk(0, lines)
	}
	return best, bestScore, found
}

// score rates the split whose lines end at ends (the last is len(words)).
func (sp *splitter) score(ends []int) splitScore {
	sc := splitScore{lines: len(ends)}
	longest, shortest := 0.0, 0.0
	start := 0
	for k, end := range ends {
		w := sp.width(start, end)
		if w > sp.maxPt {
			sc.overflow += w - sp.maxPt
		}
		if end-start == 1 {
			sc.oneWord++
		}
		if k > 0 {
			kind := sp.kinds[start]
			sc.bad += kind.cost()
			if kind.locality {
				sc.locality++
			}
			if kind.security {
				sc.security++
			}
		}
		if k == 0 || w > longest {
			longest = w
		}
		if k == 0 || w < shortest {
			shortest = w
		}
		start = end
	}
	sc.spread = longest - shortest
	return sc
}
