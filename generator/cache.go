package generator

import (
	"sync"
	"sync/atomic"

	"vanthu/typeset"
)

// lineCache remembers how header names were split over lines. A service renders the same
// few issuers over and over, and choosing the best split is the costliest typographic step.
// It is bounded: past maxEntries it stops adding, which only costs the work it saves.
type lineCache struct {
	m sync.Map // splitKey → []string
	n atomic.Int64
}

const maxCachedSplits = 4096

type splitKey struct {
	text  string
	face  typeset.Face
	pt    float64
	maxPt float64
}

// split returns typeset.SplitIssuer(text, face, pt, maxPt), cached. The slice is shared:
// callers must not modify it.
func (c *lineCache) split(text string, face typeset.Face, pt, maxPt float64) []string {
	k := splitKey{text, face, pt, maxPt}
	if v, ok := c.m.Load(k); ok {
		return v.([]string)
	}
	lines := typeset.SplitIssuer(text, face, pt, maxPt)
	if c.n.Load() < maxCachedSplits {
		if _, loaded := c.m.LoadOrStore(k, lines); !loaded {
			c.n.Add(1)
		}
	}
	return lines
}
