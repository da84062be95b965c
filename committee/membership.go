package committee

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"vanthu/apperr"
)

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// Membership is one person holding one role on one body from Start until End. End is the
// day the membership stopped (the date of the decision that ended it): on End the person
// is no longer a member in that role. An open membership has End "".
type Membership struct {
	ID       int64  `json:"id"`
	BodyID   int64  `json:"body_id"`
	PersonID int64  `json:"person_id"`
	Role     string `json:"role"`
	Start    Date   `json:"start"`
	End      Date   `json:"end,omitempty"`
	// DecisionID is the issued document that made the change, 0 when none was recorded.
	DecisionID int64 `json:"decision_id,omitempty"`
}

// ActiveOn reports whether the membership holds on day d.
func (m *Membership) ActiveOn(d Date) bool {
	return m.Start <= d && (m.End == "" || d < m.End)
}

// Member is one line of a body's composition on a day.
type Member struct {
	Person Person `json:"person"`
	Role   string `json:"role"`
	Since  Date   `json:"since"`
}

// Composition returns who sat on the body on day d, in the rules' role order, then by
// start date and name. people gives each person by ID.
func Composition(ms []Membership, d Date, people map[int64]Person, rules BodyRules) []Member {
	var out []Member
	for i := range ms {
		if ms[i].ActiveOn(d) {
			out = append(out, Member{Person: people[ms[i].PersonID], Role: ms[i].Role, Since: ms[i].Start})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, oj := rules.roleOrder(out[i].Role), rules.roleOrder(out[j].Role)
		if oi != oj {
			return oi < oj
		}
		if out[i].Since != out[j].Since {
			return out[i].Since < out[j].Since
		}
		return out[i].Person.Name < out[j].Person.Name
	})
	return out
}

// Change is one establishment or reorganisation of a body, as a decision makes it: on
// Date, the people of Join take their roles (a current member named again changes role)
// and the people of Leave stop.
type Change struct {
	Date  Date      `json:"date"`
	Join  []Joining `json:"join"`
	Leave []int64   `json:"leave"`
	// DecisionID is the issued decision that made the change, when it is recorded.
	DecisionID int64 `json:"decision_id,omitempty"`
}

// Joining is a person taking a role.
type Joining struct {
	PersonID int64  `json:"person_id"`
	Role     string `json:"role"`
}

// Plan is what a change does to the stored memberships: those to close on the change's
// date and those to open.
type Plan struct {
	Close []int64      // membership IDs
	Open  []Membership // without IDs
}

// PlanChange checks ch against the body's memberships and rules and returns what to store.
// A change may not be dated before the body's last recorded change (the past stays as the
// decisions of that time said); every role must exist; the resulting composition must
// follow the rules (each refusal names the rule and its legal basis). areaKinds are the
// kinds ("urban", "rural") of the areas the body covers, for the size rule.
func PlanChange(body *Body, ms []Membership, ch Change, rules BodyRules, areaKinds []string, areaNames string) (Plan, error) {
	f := map[string]string{}
	if ch.Date == "" {
		return Plan{}, apperr.InvalidFields(map[string]string{"date": msgEmptyDate})
	}
	d, err := ParseDate(string(ch.Date))
	if err != nil {
		return Plan{}, apperr.InvalidFields(map[string]string{"date": msgDate})
	}
	if len(ch.Join) == 0 && len(ch.Leave) == 0 {
		return Plan{}, apperr.InvalidFields(map[string]string{"join": msgNoChange})
	}
	var last Date
	for i := range ms {
		last = max(last, ms[i].Start, ms[i].End)
	}
	if d < last {
		return Plan{}, apperr.InvalidFields(map[string]string{"date": sprintf(msgBeforeLast, d.Vietnamese(), last.Vietnamese())})
	}
	current := map[int64]*Membership{}
	for i := range ms {
		if ms[i].ActiveOn(d) {
			current[ms[i].PersonID] = &ms[i]
		}
	}
	var plan Plan
	roles := map[int64]string{}
	for id, m := range current {
		roles[id] = m.Role
	}
	left := map[int64]bool{}
	for i, p := range ch.Leave {
		m, ok := current[p]
		if !ok || left[p] {
			f[sprintf("leave[%d]", i)] = sprintf(msgLeaveNotMember, p, d.Vietnamese())
			continue
		}
		left[p] = true
		plan.Close = append(plan.Close, m.ID)
		delete(roles, p)
	}
	joined := map[int64]bool{}
	for i, j := range ch.Join {
		if _, ok := rules.Role(j.Role); !ok {
			f[sprintf("join[%d].role", i)] = sprintf(msgRoleUnknown, j.Role, rules.Title, strings.Join(rules.RoleNames(), ", "))
			continue
		}
		if joined[j.PersonID] {
			f[sprintf("join[%d].person_id", i)] = sprintf(msgJoinTwice, j.PersonID)
			continue
		}
		joined[j.PersonID] = true
		if m, ok := current[j.PersonID]; ok && !slices.Contains(plan.Close, m.ID) {
			if m.Role == j.Role {
				continue // named again in the same role: nothing changes
			}
			plan.Close = append(plan.Close, m.ID)
		}
		roles[j.PersonID] = j.Role
		plan.Open = append(plan.Open, Membership{BodyID: body.ID, PersonID: j.PersonID, Role: j.Role, Start: d, DecisionID: ch.DecisionID})
	}
	if len(f) > 0 {
		return Plan{}, apperr.InvalidFields(f)
	}
	held := make([]string, 0, len(roles))
	for _, r := range roles {
		held = append(held, r)
	}
	if msgs := CheckComposition(rules, held, areaKinds, areaNames); len(msgs) > 0 {
		return Plan{}, apperr.InvalidFields(map[string]string{"composition": strings.Join(msgs, "; ")})
	}
	return plan, nil
}

// CheckComposition checks the roles held on a body against its rules and returns one
// Vietnamese message per broken rule, each naming the rule and its legal basis.
func CheckComposition(rules BodyRules, roles []string, areaKinds []string, areaNames string) []string {
	count := map[string]int{}
	for _, r := range roles {
		count[r]++
	}
	var msgs []string
	for _, r := range rules.Roles {
		n := count[r.Name]
		switch {
		case r.Max > 0 && r.Min == r.Max && n != r.Min:
			msgs = append(msgs, sprintf(msgRoleExactly, rules.Title, r.Min, r.Name, n, r.Basis))
		case n < r.Min:
			msgs = append(msgs, sprintf(msgRoleMin, rules.Title, r.Min, r.Name, n, r.Basis))
		case r.Max > 0 && n > r.Max:
			msgs = append(msgs, sprintf(msgRoleMax, rules.Title, r.Max, r.Name, n, r.Basis))
		}
	}
	if s := rules.Size; s != nil && len(areaKinds) > 0 {
		want := 0
		for _, k := range areaKinds {
			want += s.PerArea[k]
		}
		if want > 0 && len(roles) != want {
			msgs = append(msgs, sprintf(msgSize, rules.Title, areaNames, want, len(roles), s.Basis))
		}
	}
	return msgs
}

// ServiceYears returns the whole years a person served on bodies up to day asOf, from
// their memberships on those bodies (the caller passes the memberships of one kind of
// body). Overlapping memberships (a role change, two teams at once) count once.
func ServiceYears(ms []Membership, asOf Date) int {
	type span struct{ from, to Date }
	spans := make([]span, 0, len(ms))
	for _, m := range ms {
		if m.Start >= asOf {
			continue
		}
		to := m.End
		if to == "" || to > asOf {
			to = asOf
		}
		spans = append(spans, span{m.Start, to})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	days := 0.0
	var cur span
	flush := func() {
		if cur.from != "" {
			days += cur.to.Time().Sub(cur.from.Time()).Hours() / 24
		}
	}
	for _, s := range spans {
		if cur.from != "" && s.from <= cur.to {
			cur.to = max(cur.to, s.to)
			continue
		}
		flush()
		cur = s
	}
	flush()
	// A year of service is 365.2425 days, the mean Gregorian year, so leap days neither
	// give nor take a year.
	return int(days / 365.2425)
}
