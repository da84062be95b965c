package inspection

// KindProgress counts the objects of one kind: how many registered, were assessed and are
// recognised, and the shares of the total.
type KindProgress struct {
	Kind            Kind    `json:"kind"`
	Title           string  `json:"title"`
	Total           int     `json:"total"`
	Registered      int     `json:"registered"`
	Assessed        int     `json:"assessed"` // outcome decided: đạt or chưa đạt
	Recognised      int     `json:"recognised"`
	RegisteredShare float64 `json:"registered_share"`
	AssessedShare   float64 `json:"assessed_share"`
	RecognisedShare float64 `json:"recognised_share"`
	// MeetsTarget says the recognised share reaches the round's target.
	MeetsTarget bool `json:"meets_target"`
}

// AreaProgress is the progress of the objects directly under one object of the round (a
// commune's residential areas, agencies and schools).
type AreaProgress struct {
	AreaID string         `json:"area_id"`
	Name   string         `json:"name"`
	Kinds  []KindProgress `json:"kinds"`
}

// Progress is a round's progress to its target, for the whole round and per area.
type Progress struct {
	RoundID int64          `json:"round_id"`
	Year    int            `json:"year"`
	Target  float64        `json:"target"`
	Kinds   []KindProgress `json:"kinds"`
	Areas   []AreaProgress `json:"areas"`
}

// Progress counts the verdicts of round by kind, for the round and for each object that has
// objects under it, in roster order.
func (cat *Catalog) Progress(round *Round, objects []Object, s *Scores) *Progress {
	p := &Progress{RoundID: round.ID, Year: round.Year, Target: round.Target}
	total := newCounter()
	areas := map[string]*counter{}
	var order []string
	for i := range objects {
		v := &s.Verdicts[i]
		total.add(v)
		if objects[i].ParentID == "" {
			continue
		}
		if _, ok := s.index[objects[i].ParentID]; !ok {
			continue
		}
		c := areas[objects[i].ParentID]
		if c == nil {
			c = newCounter()
			areas[objects[i].ParentID] = c
			order = append(order, objects[i].ParentID)
		}
		c.add(v)
	}
	p.Kinds = total.list(cat, round.Target)
	for _, id := range order {
		p.Areas = append(p.Areas, AreaProgress{AreaID: id, Name: s.Of(id).Name, Kinds: areas[id].list(cat, round.Target)})
	}
	return p
}

type counter struct{ byKind map[Kind]*KindProgress }

func newCounter() *counter { return &counter{byKind: map[Kind]*KindProgress{}} }

func (c *counter) add(v *Verdict) {
	k := c.byKind[v.Kind]
	if k == nil {
		k = &KindProgress{Kind: v.Kind}
		c.byKind[v.Kind] = k
	}
	k.Total++
	if v.Registered {
		k.Registered++
	}
	if v.Outcome != Pending {
		k.Assessed++
	}
	if v.Outcome == Recognised {
		k.Recognised++
	}
}

// list returns the kinds present in the circular's order with their shares.
func (c *counter) list(cat *Catalog, target float64) []KindProgress {
	out := make([]KindProgress, 0, len(c.byKind))
	for _, kind := range Kinds {
		k := c.byKind[kind]
		if k == nil {
			continue
		}
		if cl := cat.byKind[kind]; cl != nil {
			k.Title = cl.Title
		}
		k.RegisteredShare = share(k.Registered, k.Total)
		k.AssessedShare = share(k.Assessed, k.Total)
		k.RecognisedShare = share(k.Recognised, k.Total)
		k.MeetsTarget = k.Total > 0 && reaches(k.Recognised, k.Total, target)
		out = append(out, *k)
	}
	return out
}

func share(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}
