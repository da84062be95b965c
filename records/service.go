package records

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/commendation"
	"vanthu/committee"
	"vanthu/directory"
	"vanthu/secretariat"
)

// Service keeps the records and builds their documents. Build it with New and share it.
type Service struct {
	db     Store
	sec    *secretariat.Service
	rules  *committee.Rulebook
	awards *commendation.Catalog
	// recognitions, when set, answers whether an area was recognised in a year instead of
	// the store's table: the inspection rounds plug in here (inspection.AreaRecognitions),
	// and the table still answers for a year the rounds hold nothing of.
	recognitions commendation.RecognitionSource
	now          func() time.Time
}

// Config is what New needs. Now defaults to time.Now. Recognitions is optional: without
// it, recognitions come from the store's table, read once per check.
type Config struct {
	DB           Store
	Secretariat  *secretariat.Service
	Rules        *committee.Rulebook
	Awards       *commendation.Catalog
	Recognitions commendation.RecognitionSource
	Now          func() time.Time
}

// New returns the service.
func New(cfg Config) *Service {
	s := &Service{db: cfg.DB, sec: cfg.Secretariat, rules: cfg.Rules, awards: cfg.Awards,
		recognitions: cfg.Recognitions, now: cfg.Now}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

func invalid(field, format string, a ...any) error {
	return apperr.InvalidFields(map[string]string{field: fmt.Sprintf(format, a...)})
}

// checkUnit checks that id names a unit of the directory.
func (s *Service) checkUnit(field, id string) (directory.Unit, error) {
	u, ok := s.sec.Tree().Unit(id)
	if !ok {
		return u, invalid(field, msgNoSuchUnit, id)
	}
	return u, nil
}

// province returns the ID of the province a unit is in, for its composition rules.
func (s *Service) province(unitID string) (string, error) {
	tree := s.sec.Tree()
	u, ok := tree.Unit(unitID)
	if !ok {
		return "", invalid("unit_id", msgNoSuchUnit, unitID)
	}
	if u.Kind == directory.Province {
		return u.ID, nil
	}
	for _, a := range tree.Ancestors(unitID) {
		if a.Kind == directory.Province {
			return a.ID, nil
		}
	}
	return "", invalid("unit_id", msgNoProvince, unitID)
}

// Today returns the service's current day, the default date of composition queries.
func (s *Service) Today() committee.Date { return committee.DateOf(s.now()) }

// Awards lists the awards: legal data, for anyone who may read the forms.
func (s *Service) Awards(ctx context.Context) ([]*commendation.Award, error) {
	if err := access.RequireAny(ctx, access.FormRead); err != nil {
		return nil, err
	}
	return s.awards.List(), nil
}

// Award returns one award, for anyone who may read the forms.
func (s *Service) Award(ctx context.Context, id string) (*commendation.Award, error) {
	if err := access.RequireAny(ctx, access.FormRead); err != nil {
		return nil, err
	}
	return s.award(id)
}

// award returns one award.
func (s *Service) award(id string) (*commendation.Award, error) {
	a, ok := s.awards.Get(id)
	if !ok {
		return nil, apperr.New(apperr.NotFound, fmt.Sprintf("Không có hình thức khen thưởng %q", id))
	}
	return a, nil
}

// RuleSets lists the composition rule sets: legal data, for anyone who may read the forms.
func (s *Service) RuleSets(ctx context.Context) ([]*committee.RuleSet, error) {
	if err := access.RequireAny(ctx, access.FormRead); err != nil {
		return nil, err
	}
	return s.rules.Sets(), nil
}

// CreatePerson checks and stores a new person of a unit the actor keeps records of.
func (s *Service) CreatePerson(ctx context.Context, p *committee.Person) error {
	if err := s.require(ctx, access.CommitteeWrite, p.UnitID); err != nil {
		return err
	}
	if err := p.Clean(s.now()); err != nil {
		return err
	}
	if p.UnitID != "" {
		if _, err := s.checkUnit("unit_id", p.UnitID); err != nil {
			return err
		}
	}
	return s.db.CreatePerson(s.audited(ctx, ActPersonCreate), p)
}

// UpdatePerson checks and saves a person; the actor must keep the records of the unit
// the person is in and of the one they move to.
func (s *Service) UpdatePerson(ctx context.Context, p *committee.Person) error {
	if _, err := s.authorizedPerson(ctx, access.CommitteeWrite, p.ID); err != nil {
		return err
	}
	if err := s.require(ctx, access.CommitteeWrite, p.UnitID); err != nil {
		return err
	}
	if err := p.Clean(s.now()); err != nil {
		return err
	}
	if p.UnitID != "" {
		if _, err := s.checkUnit("unit_id", p.UnitID); err != nil {
			return err
		}
	}
	return s.db.UpdatePerson(s.audited(ctx, ActPersonUpdate), p)
}

// Person returns a person.
func (s *Service) Person(ctx context.Context, id int64) (committee.Person, error) {
	return s.authorizedPerson(ctx, access.CommitteeRead, id)
}

// People lists the people of a unit ("" for all) whose records the actor may read.
func (s *Service) People(ctx context.Context, unitID string) ([]committee.Person, error) {
	if err := access.RequireAny(ctx, access.CommitteeRead); err != nil {
		return nil, err
	}
	if unitID != "" {
		if err := s.require(ctx, access.CommitteeRead, unitID); err != nil {
			return nil, err
		}
	}
	people, err := s.db.People(ctx, unitID)
	if err != nil {
		return nil, err
	}
	all, units := access.Visible(access.FromContext(ctx), access.CommitteeRead, s.sec.Tree())
	if all {
		return people, nil
	}
	out := people[:0]
	for _, p := range people {
		if p.UnitID != "" && units[p.UnitID] {
			out = append(out, p)
		}
	}
	return out, nil
}

// ServiceYears returns a person's whole years on Tổ bảo vệ an ninh, trật tự up to asOf.
func (s *Service) ServiceYears(ctx context.Context, personID int64, asOf committee.Date) (int, error) {
	if _, err := s.authorizedPerson(ctx, access.CommitteeRead, personID); err != nil {
		return 0, err
	}
	ms, err := s.db.ServiceSpans(ctx, committee.SecurityTeam)
	if err != nil {
		return 0, err
	}
	var own []committee.Membership
	for _, m := range ms {
		if m.PersonID == personID {
			own = append(own, m)
		}
	}
	return committee.ServiceYears(own, asOf), nil
}

// BodyView is a body with the rules it follows.
type BodyView struct {
	committee.Body
	Title string   `json:"title"`
	Roles []string `json:"roles"`
}

// bodyRules returns the rules of a body from its province.
func (s *Service) bodyRules(b *committee.Body) (committee.BodyRules, error) {
	prov, err := s.province(b.UnitID)
	if err != nil {
		return committee.BodyRules{}, err
	}
	r, ok := s.rules.For(prov, b.Kind)
	if !ok {
		return r, invalid("kind", msgNoSuchRules, b.Kind)
	}
	return r, nil
}

// CreateBody checks and stores a new body: its unit and areas must be in the directory,
// the areas villages.
func (s *Service) CreateBody(ctx context.Context, b *committee.Body) (BodyView, error) {
	if err := s.require(ctx, access.CommitteeWrite, b.UnitID); err != nil {
		return BodyView{}, err
	}
	if _, err := s.checkUnit("unit_id", b.UnitID); err != nil {
		return BodyView{}, err
	}
	prov, err := s.province(b.UnitID)
	if err != nil {
		return BodyView{}, err
	}
	if err := b.Clean(s.rules, prov); err != nil {
		return BodyView{}, err
	}
	seen := map[string]bool{}
	for i, a := range b.Areas {
		if seen[a] {
			return BodyView{}, invalid(fmt.Sprintf("areas[%d]", i), msgAreaTwice, a)
		}
		seen[a] = true
		u, err := s.checkUnit(fmt.Sprintf("areas[%d]", i), a)
		if err != nil {
			return BodyView{}, err
		}
		if u.Kind != directory.Village {
			return BodyView{}, invalid(fmt.Sprintf("areas[%d]", i), msgNotAVillage, a)
		}
	}
	if err := s.db.CreateBody(s.audited(ctx, ActBodyCreate), b); err != nil {
		return BodyView{}, err
	}
	return s.view(*b)
}

func (s *Service) view(b committee.Body) (BodyView, error) {
	r, err := s.bodyRules(&b)
	if err != nil {
		return BodyView{}, err
	}
	return BodyView{Body: b, Title: r.Title, Roles: r.RoleNames()}, nil
}

// Body returns a body with its rules.
func (s *Service) Body(ctx context.Context, id int64) (BodyView, error) {
	b, err := s.authorizedBody(ctx, access.CommitteeRead, id)
	if err != nil {
		return BodyView{}, err
	}
	return s.view(b)
}

// Bodies lists the bodies of a unit and kind ("" for any) whose records the actor may
// read.
func (s *Service) Bodies(ctx context.Context, unitID, kind string) ([]committee.Body, error) {
	if err := access.RequireAny(ctx, access.CommitteeRead); err != nil {
		return nil, err
	}
	if unitID != "" {
		if err := s.require(ctx, access.CommitteeRead, unitID); err != nil {
			return nil, err
		}
	}
	bodies, err := s.db.Bodies(ctx, unitID, kind)
	if err != nil {
		return nil, err
	}
	all, units := access.Visible(access.FromContext(ctx), access.CommitteeRead, s.sec.Tree())
	if all {
		return bodies, nil
	}
	out := bodies[:0]
	for _, b := range bodies {
		if units[b.UnitID] {
			out = append(out, b)
		}
	}
	return out, nil
}

// areas returns the kinds and the names of the areas a body covers.
func (s *Service) areas(b *committee.Body, r committee.BodyRules) (kinds []string, names string) {
	tree := s.sec.Tree()
	var ns []string
	for _, id := range b.Areas {
		u, _ := tree.Unit(id)
		ns = append(ns, u.Name)
		if r.Size != nil {
			kinds = append(kinds, r.Size.AreaKind(u.Name))
		}
	}
	return kinds, strings.Join(ns, ", ")
}

// Composition returns the members of a body on a day.
func (s *Service) Composition(ctx context.Context, bodyID int64, on committee.Date) ([]committee.Member, error) {
	b, err := s.authorizedBody(ctx, access.CommitteeRead, bodyID)
	if err != nil {
		return nil, err
	}
	return s.composition(ctx, b, on)
}

// composition is Composition of a body already read and authorised.
func (s *Service) composition(ctx context.Context, b committee.Body, on committee.Date) ([]committee.Member, error) {
	r, err := s.bodyRules(&b)
	if err != nil {
		return nil, err
	}
	ms, people, err := s.db.Memberships(ctx, b.ID)
	if err != nil {
		return nil, err
	}
	return committee.Composition(ms, on, people, r), nil
}

// Memberships returns every membership of a body, past and present.
func (s *Service) Memberships(ctx context.Context, bodyID int64) ([]committee.Membership, error) {
	if _, err := s.authorizedBody(ctx, access.CommitteeRead, bodyID); err != nil {
		return nil, err
	}
	ms, _, err := s.db.Memberships(ctx, bodyID)
	return ms, err
}

// Change applies an establishment or reorganisation to a body after checking it against
// the composition rules, and returns the composition on the change's date.
func (s *Service) Change(ctx context.Context, bodyID int64, ch committee.Change) ([]committee.Member, error) {
	b, err := s.authorizedBody(ctx, access.CommitteeWrite, bodyID)
	if err != nil {
		return nil, err
	}
	r, err := s.bodyRules(&b)
	if err != nil {
		return nil, err
	}
	ms, _, err := s.db.Memberships(ctx, bodyID)
	if err != nil {
		return nil, err
	}
	kinds, names := s.areas(&b, r)
	plan, err := committee.PlanChange(&b, ms, ch, r, kinds, names)
	if err != nil {
		return nil, err
	}
	for i, j := range ch.Join {
		if _, err := s.db.Person(ctx, j.PersonID); err != nil {
			return nil, invalid(fmt.Sprintf("join[%d].person_id", i), "%s", apperr.As(err).Message)
		}
	}
	d, _ := committee.ParseDate(string(ch.Date)) // checked by PlanChange
	if err := s.db.ApplyChange(s.audited(ctx, ActBodyChange), bodyID, d, plan); err != nil {
		return nil, err
	}
	return s.composition(ctx, b, d)
}

// Decisions lists the decisions issued about a body.
func (s *Service) Decisions(ctx context.Context, bodyID int64) ([]committee.Decision, error) {
	if _, err := s.authorizedBody(ctx, access.CommitteeRead, bodyID); err != nil {
		return nil, err
	}
	return s.db.BodyDecisions(ctx, bodyID)
}

// SetRecognitions replaces the areas recognised "An toàn về an ninh, trật tự" in a year.
//
// The list is the whole organisation's for the year, so only an actor who manages rounds
// everywhere replaces it.
func (s *Service) SetRecognitions(ctx context.Context, year int, unitIDs []string) error {
	if err := s.require(ctx, access.RoundManage, access.Everywhere); err != nil {
		return err
	}
	if year < 2000 || year > 2100 {
		return invalid("year", msgYear)
	}
	for i, id := range unitIDs {
		u, err := s.checkUnit(fmt.Sprintf("units[%d]", i), id)
		if err != nil {
			return err
		}
		if u.Kind != directory.Village {
			return invalid(fmt.Sprintf("units[%d]", i), msgNotAVillage, id)
		}
	}
	return s.db.ReplaceRecognitions(s.audited(ctx, ActRecognitions), year, unitIDs)
}

// Recognitions returns a year's recognised areas from the store's table, those in the
// scope of the actor's results.
func (s *Service) Recognitions(ctx context.Context, year int) ([]string, error) {
	if err := access.RequireAny(ctx, access.ResultRead); err != nil {
		return nil, err
	}
	r, err := s.db.Recognitions(ctx, year)
	if err != nil {
		return nil, err
	}
	all, units := access.Visible(access.FromContext(ctx), access.ResultRead, s.sec.Tree())
	out := make([]string, 0, len(r.Units))
	for id := range r.Units {
		if all || units[id] {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out, nil
}
