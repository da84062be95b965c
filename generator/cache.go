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

// balanceCache remembers how titles, V/v lines and reference lines were broken by balance,
// whose phrase-aware search costs a few microseconds: a document is rendered several times
// over its life (preview, prepare, issue, download) with the same subject. Bounded like
// lineCache.
type balanceCache struct {
	m sync.Map // splitKey → string
	n atomic.Int64
}

func (c *balanceCache) load(k splitKey) (string, bool) {
	if v, ok := c.m.Load(k); ok {
		return v.(string), true
	}
	return "", false
}

func (c *balanceCache) store(k splitKey, s string) {
	if c.n.Load() < maxCachedSplits {
		if _, loaded := c.m.LoadOrStore(k, s); !loaded {
			c.n.Add(1)
		}
	}
}
