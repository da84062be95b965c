package secretariat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	gojson "github.com/goccy/go-json"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/forms"
	"vanthu/generator"
	"vanthu/register"
	"vanthu/typeset"
)

// Service is the secretariat. Build it once with New and share it: it is safe for
// concurrent use.
type Service struct {
	db        Store
	catalog   *forms.Catalog
	validator *forms.Validator
	rules     map[string]directory.Rule
	// issuerKinds are, per form, the kinds of unit that may issue it (nil: any body).
	issuerKinds map[string][]directory.Kind
	renderer    *generator.Renderer
	dating      register.Dating
	now         func() time.Time
	log         *slog.Logger
	// tree is the directory as last loaded from the database; an import swaps it whole.
	// version is the database's directory version tree was read at; dirMu keeps the two
	// in step (reloads and imports hold it; readers of tree alone need not).
	tree    atomic.Pointer[directory.Tree]
	version atomic.Int64
	dirMu   sync.Mutex
	// routes remembers routing results per tree, rule, issuer and options: the secretariat
	// addresses the same few documents to the same bodies all day.
	routes  sync.Map // routeKey → directory.Recipients
	nroutes atomic.Int64
}

// routeKey identifies a routing result.
type routeKey struct {
	tree                *directory.Tree
	rule, issuer, draft string
	copies              int
	expand              string
}

// maxExpand bounds the entries a submission may expand: a rule has a few groups and entries.
const maxExpand = 100

// maxCachedRoutes bounds the routing cache; past it results are computed, not kept.
const maxCachedRoutes = 10000

// route is tree.Route, remembered. The result's slices are fresh for every caller.
func (s *Service) route(tree *directory.Tree, rule, issuer string, opt directory.RouteOptions) (directory.Recipients, error) {
	k := routeKey{tree: tree, rule: rule, issuer: issuer, draft: opt.DraftingUnit, copies: opt.Copies}
	if len(opt.Expand) > 0 {
		keys := make([]string, 0, len(opt.Expand))
		for id, on := range opt.Expand {
			keys = append(keys, fmt.Sprintf("%s=%t", id, on))
		}
		sort.Strings(keys)
		k.expand = strings.Join(keys, ";")
	}
	v, ok := s.routes.Load(k)
	if !ok {
		r, err := tree.Route(s.rules[rule], issuer, opt)
		if err != nil {
			return r, err
		}
		if s.nroutes.Load() < maxCachedRoutes {
			if _, loaded := s.routes.LoadOrStore(k, r); !loaded {
				s.nroutes.Add(1)
			}
		}
		v = r
	}
	r := v.(directory.Recipients)
	return directory.Recipients{KinhGui: slices.Clone(r.KinhGui), NoiNhan: slices.Clone(r.NoiNhan), Archive: r.Archive}, nil
}

// isEmptyEdit reports whether an edit changes nothing.
func isEmptyEdit(e *directory.Edit) bool {
	return len(e.AddKinhGui) == 0 && len(e.RemoveKinhGui) == 0 && len(e.AddNoiNhan) == 0 &&
		len(e.RemoveNoiNhan) == 0 && e.Archive == ""
}

// Config is what New needs. Now defaults to time.Now, Log to slog.Default().
type Config struct {
	DB        Store
	Catalog   *forms.Catalog
	Validator *forms.Validator
	Rules     map[string]directory.Rule
	Renderer  *generator.Renderer
	// Dating is how far from the day of issue each issuer may date a document; the zero
	// value allows no issuer any: documents are dated the day they are numbered.
	Dating register.Dating
	Now    func() time.Time
	Log    *slog.Logger
}

// New checks that every form's routing rule exists and loads the directory from the database.
func New(ctx context.Context, cfg Config) (*Service, error) {
	s := &Service{db: cfg.DB, catalog: cfg.Catalog, validator: cfg.Validator, rules: cfg.Rules,
		renderer: cfg.Renderer, dating: cfg.Dating, now: cfg.Now, log: cfg.Log}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.issuerKinds = make(map[string][]directory.Kind)
	for _, def := range s.catalog.List() {
		kinds := def.IssuerKinds
		if def.Routing != "" {
			rule, ok := s.rules[def.Routing]
			if !ok {
				return nil, fmt.Errorf("form %q names routing rule %q, which does not exist", def.ID, def.Routing)
			}
			if len(kinds) == 0 {
				kinds = rule.IssuerKinds
			}
		}
		s.issuerKinds[def.ID] = kinds
	}
	if err := s.ReloadDirectory(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// ReloadDirectory reads the directory from the database into memory.
func (s *Service) ReloadDirectory(ctx context.Context) error {
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	return s.reloadDirectory(ctx)
}

// reloadDirectory is ReloadDirectory with dirMu held. The version is read before and after
// the units and groups: if another server replaced the directory in between, it reads
// again, so the tree kept is always the one of the version kept.
func (s *Service) reloadDirectory(ctx context.Context) error {
	var units []directory.Unit
	var groups []directory.Group
	var version int64
	for attempt := 0; ; attempt++ {
		before, err := s.db.DirectoryVersion(ctx)
		if err != nil {
			return err
		}
		if units, err = s.db.Units(ctx); err != nil {
			return err
		}
		if groups, err = s.db.Groups(ctx); err != nil {
			return err
		}
		if version, err = s.db.DirectoryVersion(ctx); err != nil {
			return err
		}
		if version == before || attempt == 4 {
			version = before // after five changes in a row, a later reload catches up
			break
		}
	}
	tree, err := directory.NewTree(units, groups)
	if err != nil {
		return err
	}
	if len(units) == 0 {
		s.tree.Store(tree) // an empty database, before the demo or an import fills it
		s.version.Store(version)
		return nil
	}
	if err := tree.CheckShortNames(); err != nil {
		// Stored before the rule existed; an import of the directory must fix them.
		s.log.Warn("unit short names that are not symbol parts", "err", err)
	}
	if err := tree.CheckRules(s.rules); err != nil {
		// A rule that names a unit the directory lacks fails when used, with its message;
		// the service still starts so the directory can be fixed through the API.
		s.log.Warn("routing rules do not match the directory", "err", err)
	}
	s.tree.Store(tree)
	s.version.Store(version)
	// Results routed on the old tree are unreachable now; drop them.
	s.routes.Clear()
	s.nroutes.Store(0)
	return nil
}

// DirectoryEvery is how often WatchDirectory looks at the database's directory version.
const DirectoryEvery = 200 * time.Millisecond

// WatchDirectory keeps the directory in memory in step with the database until ctx ends:
// every interval it reads the directory version (one row) and reloads the directory when
// another server (or process) has changed it. Servers sharing a database thus see each
// other's imports within about an interval. Failures are logged and tried again.
func (s *Service) WatchDirectory(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := s.catchUp(ctx)
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			s.log.Warn("directory version check failed", "err", err)
			failing = true
		case err == nil && failing:
			s.log.Info("directory version check works again")
			failing = false
		}
	}
}

// catchUp reloads the directory if the database holds another version than memory.
func (s *Service) catchUp(ctx context.Context) error {
	v, err := s.db.DirectoryVersion(ctx)
	if err != nil || v == s.version.Load() {
		return err
	}
	return s.ReloadDirectory(ctx)
}

// Tree returns the directory in memory.
func (s *Service) Tree() *directory.Tree { return s.tree.Load() }

// Forms lists the form definitions.
func (s *Service) Forms(ctx context.Context) ([]*forms.Definition, error) {
	if err := access.RequireAny(ctx, access.FormRead); err != nil {
		return nil, err
	}
	return s.catalog.List(), nil
}

// Form returns one form definition.
func (s *Service) Form(ctx context.Context, id string) (*forms.Definition, error) {
	if err := access.RequireAny(ctx, access.FormRead); err != nil {
		return nil, err
	}
	return s.form(id)
}

func (s *Service) form(id string) (*forms.Definition, error) {
	def, ok := s.catalog.Get(id)
	if !ok {
		return nil, apperr.New(apperr.NotFound, fmt.Sprintf(msgNoSuchForm, id))
	}
	return def, nil
}

// Rules returns the routing rules.
func (s *Service) Rules() map[string]directory.Rule { return s.rules }

// RoutingRules returns the routing rules for an actor who may read the directory.
func (s *Service) RoutingRules(ctx context.Context) (map[string]directory.Rule, error) {
	if err := access.RequireAny(ctx, access.DirectoryRead); err != nil {
		return nil, err
	}
	return s.rules, nil
}

// Submission is what a client sends to preview, draft or issue a document from a form.
type Submission struct {
	Form     string         `json:"form"`
	IssuerID string         `json:"issuer_id"`
	Data     map[string]any `json:"data"`
	// Recipients, when given, replaces the routed recipients: the client shows the routing
	// result, the user edits it and sends it back. It is cleaned to stay well-formed.
	Recipients *directory.Recipients `json:"recipients,omitempty"`
	// Edit adds or removes lines from the routed recipients (used when Recipients is nil).
	Edit directory.Edit `json:"edit"`
	// Expand chooses, per group or rule entry id, one line per unit instead of one line.
	Expand map[string]bool `json:"expand,omitempty"`
}

// prepared is a submission checked against its form and addressed.
type prepared struct {
	def        *forms.Definition
	values     forms.Values
	unit       directory.Unit
	recipients directory.Recipients
}

// prepare validates a submission and routes it. Every problem with the user's input comes
// back as an Invalid error naming the field.
func (s *Service) prepare(sub *Submission) (*prepared, error) {
	def, ok := s.catalog.Get(sub.Form)
	if !ok {
		return nil, apperr.InvalidFields(map[string]string{"form": fmt.Sprintf(msgNoSuchForm, sub.Form)})
	}
	tree := s.tree.Load()
	unit, ok := tree.Unit(sub.IssuerID)
	if !ok {
		return nil, apperr.InvalidFields(map[string]string{"issuer_id": fmt.Sprintf(msgNoSuchUnit, sub.IssuerID)})
	}
	if err := s.checkIssuerKind(def, unit); err != nil {
		return nil, err
	}
	values, problems := s.validator.Validate(def, sub.Data)
	problems = checkPlausibleDates(def, values, register.Day(s.now()), problems)
	if len(problems) > 0 {
		fields := make(map[string]string, len(problems))
		for k, v := range problems {
			fields["data."+k] = v
		}
		return nil, apperr.InvalidFields(fields)
	}
	if len(sub.Expand) > maxExpand {
		return nil, apperr.InvalidFields(map[string]string{"expand": fmt.Sprintf(msgTooManyExpand, maxExpand)})
	}
	p := &prepared{def: def, values: values, unit: unit}
	switch {
	case sub.Recipients != nil:
		p.recipients = sub.Recipients.Normalize()
	case def.Routing != "":
		opt := directory.RouteOptions{DraftingUnit: def.DraftingUnit, Expand: sub.Expand}
		if f, ok := def.FieldFor(forms.TargetDraftingUnit); ok && values.String(f.Name) != "" {
			opt.DraftingUnit = values.String(f.Name)
		}
		if f, ok := def.FieldFor(forms.TargetCopies); ok {
			if n, ok := values.Number(f.Name); ok {
				opt.Copies = int(n)
			}
		}
		r, err := s.route(tree, def.Routing, unit.ID, opt)
		if err != nil {
			return nil, apperr.InvalidFields(map[string]string{"recipients": apperr.As(err).Message})
		}
		p.recipients = r
		if !isEmptyEdit(&sub.Edit) {
			p.recipients = r.Edit(sub.Edit)
		}
	default:
		p.recipients = directory.Recipients{KinhGui: []string{}, NoiNhan: []string{}}.Edit(sub.Edit)
	}
	if err := checkRecipientSizes(def, &p.recipients); err != nil {
		return nil, err
	}
	return p, nil
}

// checkRecipientSizes holds the addressing of a document to the form's limits: 60,000
// Kính gửi lines once made a register cell of 829 KB.
func checkRecipientSizes(def *forms.Definition, r *directory.Recipients) error {
	var fields map[string]string
	fail := func(field, msg string) {
		if fields == nil {
			fields = map[string]string{}
		}
		fields[field] = msg
	}
	lines := func(field, label string, items []string) {
		if len(items) > def.MaxRecipients {
			fail(field, fmt.Sprintf(msgTooManyLines, label, def.MaxRecipients))
			return
		}
		for i, item := range items {
			if utf8.RuneCountInString(item) > def.MaxRecipientLength {
				fail(field, fmt.Sprintf(msgLineTooLong, label, i+1, def.MaxRecipientLength))
				return
			}
		}
	}
	lines("recipients.kinh_gui", labelKinhGui, r.KinhGui)
	lines("recipients.noi_nhan", labelNoiNhan, r.NoiNhan)
	if utf8.RuneCountInString(r.Archive) > def.MaxRecipientLength {
		fail("recipients.archive", fmt.Sprintf(msgArchiveTooLong, def.MaxRecipientLength))
	}
	if fields != nil {
		return apperr.InvalidFields(fields)
	}
	return nil
}

// checkPlausibleDates adds to problems a message for every date field whose date no
// document can have (year 0001, 1900, 9999): a draft may carry any plausible date, the
// issuer's window is checked when it is issued.
func checkPlausibleDates(def *forms.Definition, values forms.Values, today time.Time, problems map[string]string) map[string]string {
	for i := range def.Fields {
		f := &def.Fields[i]
		if f.Type != forms.TypeDate {
			continue
		}
		gd := values.Date(f.Name)
		if gd.IsZero() {
			continue
		}
		if d := register.DateOf(gd.Year, gd.Month, gd.Day); !register.Plausible(d, today) {
			if problems == nil {
				problems = map[string]string{}
			}
			problems[f.Name] = register.PlausibleMessage(f.Label, d, today)
		}
	}
	return problems
}

// issueDate returns the date a document issued today takes: its form's date when it has
// one, else today's. The document and its register line are both dated so.
func issueDate(p *prepared, today time.Time) time.Time {
	if f, ok := p.def.FieldFor(forms.TargetDate); ok {
		if d := p.values.Date(f.Name); !d.IsZero() {
			return register.DateOf(d.Year, d.Month, d.Day)
		}
	}
	return today
}

// checkIssueDate refuses a date the issuer's window does not allow on the day of issue.
func (s *Service) checkIssueDate(p *prepared, date, today time.Time) error {
	var buf [8]string // a unit rarely sits deeper than a few levels
	chain := buf[:0]
	tree := s.tree.Load()
	for u, ok := p.unit, true; ok && len(chain) < 64; u, ok = tree.Unit(u.ParentID) {
		chain = append(chain, u.ID)
		if u.ParentID == "" {
			break
		}
	}
	field, label := dateField(p.def)
	if msg := s.dating.WindowFor(chain).Check(label, date, today); msg != "" {
		return apperr.InvalidFields(map[string]string{field: msg})
	}
	return nil
}

// dateField returns the error key and label of a form's date of issue: its date field's,
// or the register's column when the form has none.
func dateField(def *forms.Definition) (field, label string) {
	if f, ok := def.FieldFor(forms.TargetDate); ok {
		return "data." + f.Name, f.Label
	}
	return register.FieldIssueDate, labelIssueDate
}

// seriesError names the form's date field in a store's refusal of a date that comes before
// the last one of its series.
func seriesError(def *forms.Definition, err error) error {
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.Invalid {
		return err
	}
	msg, ok := ae.Fields[register.FieldIssueDate]
	if !ok {
		return err
	}
	if field, _ := dateField(def); field != register.FieldIssueDate {
		return apperr.InvalidFields(map[string]string{field: msg})
	}
	return err
}

// checkIssuerKind refuses an issuer the form does not allow: on every path, so that giving
// the recipients by hand, which skips routing, does not skip the rule too.
func (s *Service) checkIssuerKind(def *forms.Definition, unit directory.Unit) error {
	kinds := s.issuerKinds[def.ID]
	switch {
	case unit.Kind.IsLocality():
		return apperr.InvalidFields(map[string]string{"issuer_id": fmt.Sprintf(msgIssuerLocality, unit.ID)})
	case len(kinds) > 0 && !slices.Contains(kinds, unit.Kind):
		names := make([]string, len(kinds))
		for i, k := range kinds {
			names[i] = string(k)
		}
		return apperr.InvalidFields(map[string]string{"issuer_id": fmt.Sprintf(msgIssuerKind, unit.ID, unit.Kind, def.Title, strings.Join(names, ", "))})
	}
	return nil
}

// checkIssuable refuses to number a document whose issuer has no symbol: its number would
// read "01/-NC"; and a document of a kind that takes no number at all.
func checkIssuable(p *prepared) error {
	if spec, _ := p.def.Kind.Spec(); spec.Unnumbered {
		// An achievement report is signed on paper and filed in the dossier: a number in
		// the register would be printed nowhere.
		return apperr.InvalidFields(map[string]string{"form": fmt.Sprintf(msgUnnumberedForm, p.def.Title)})
	}
	if strings.TrimSpace(p.unit.ShortName) == "" {
		return apperr.InvalidFields(map[string]string{"issuer_id": fmt.Sprintf(msgIssuerNoSymbol, p.unit.ID)})
	}
	return nil
}

// issuer returns the header of documents issued by unit, with a number and date.
func (s *Service) issuer(unit directory.Unit, number int, date generator.Date) forms.Issuer {
	parent, name := s.tree.Load().Header(unit.ID)
	label := unit.Label
	if label == "" {
		label = unit.Name
	}
	return forms.Issuer{Parent: parent, Name: name, ShortName: unit.ShortName, IssuedBy: label,
		Place: unit.Place, Number: number, Date: date}
}

// document maps prepared input to the document the generator renders, with a number
// (0 for a draft) and the date of issue (the form's own date field wins).
func (s *Service) document(p *prepared, number int, date generator.Date) (generator.Document, error) {
	doc, err := p.def.Document(p.values, s.issuer(p.unit, number, date), p.recipients)
	if err != nil {
		return doc, apperr.Wrap(apperr.Invalid, msgCannotMap, err)
	}
	if p.def.Kind == generator.CongVan && len(doc.Recipients) == 0 && len(doc.CopyTo.Items) == 0 {
		// A công văn is sent to someone (Decree 30, Annex I): with neither a Kính gửi nor a
		// Nơi nhận line it would be registered as sent to nobody.
		return doc, apperr.InvalidFields(map[string]string{"recipients": msgNoRecipient})
	}
	return doc, nil
}

// render maps prepared input to a document and renders it.
func (s *Service) render(p *prepared, number int, date generator.Date) ([]byte, generator.Document, error) {
	doc, err := s.document(p, number, date)
	if err != nil {
		return nil, doc, err
	}
	var buf bytes.Buffer
	buf.Grow(32 << 10)
	if err := s.renderer.Render(&buf, &doc); err != nil {
		return nil, doc, apperr.Wrap(apperr.Internal, msgRenderFailed, err)
	}
	return buf.Bytes(), doc, nil
}

// renderPreview is render for a preview: the same document, its main part stored rather
// than deflated (see generator.RenderPreview).
func (s *Service) renderPreview(p *prepared, date generator.Date) ([]byte, error) {
	doc, err := s.document(p, 0, date)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(48 << 10)
	if err := s.renderer.RenderPreview(&buf, &doc); err != nil {
		return nil, apperr.Wrap(apperr.Internal, msgRenderFailed, err)
	}
	return buf.Bytes(), nil
}

// Route returns the recipients a submission would get, for a client to show and edit.
func (s *Service) Route(ctx context.Context, sub *Submission) (directory.Recipients, error) {
	if err := access.RequireAny(ctx, access.DocumentDraft); err != nil {
		return directory.Recipients{}, err
	}
	p, err := s.prepare(sub)
	if err != nil {
		return directory.Recipients{}, err
	}
	if err := s.require(ctx, access.DocumentDraft, p.unit.ID); err != nil {
		return directory.Recipients{}, err
	}
	return p.recipients, nil
}

// Preview validates and renders a submission without storing anything. Its number is blank
// and its date today's, unless the form's date field says otherwise.
func (s *Service) Preview(ctx context.Context, sub *Submission) ([]byte, error) {
	if err := access.RequireAny(ctx, access.DocumentPreview); err != nil {
		return nil, err
	}
	p, err := s.prepare(sub)
	if err != nil {
		return nil, err
	}
	if err := s.require(ctx, access.DocumentPreview, p.unit.ID); err != nil {
		return nil, err
	}
	return s.renderPreview(p, s.today())
}

// today is the day it is in Vietnam, as the generator dates a document.
func (s *Service) today() generator.Date { return generator.DateOf(register.Day(s.now())) }

// CreateDraft validates a submission and stores it as a draft, with its recipients. A
// draft carries no number.
func (s *Service) CreateDraft(ctx context.Context, sub *Submission, corrects int64) (register.Document, error) {
	perm, action := access.DocumentDraft, access.ActDocumentDraft
	if corrects != 0 {
		perm, action = access.DocumentCorrect, access.ActDocumentFix
	}
	if err := access.RequireAny(ctx, perm); err != nil {
		return register.Document{}, err
	}
	p, err := s.prepare(sub)
	if err != nil {
		return register.Document{}, err
	}
	if err := s.require(ctx, perm, p.unit.ID); err != nil {
		return register.Document{}, err
	}
	if corrects != 0 {
		// Correcting a document is an act on the corrected one too: its issuer's văn thư.
		// And a correcting dispatch is the issuer's own: no other body corrects its
		// register. (An unknown or unissued original is refused by the store, naming
		// corrects_id.)
		orig, err := s.db.Document(ctx, corrects)
		if err == nil {
			err = s.require(ctx, perm, orig.IssuerID)
		}
		if err != nil && apperr.CodeOf(err) != apperr.NotFound {
			return register.Document{}, err
		}
		if err == nil && orig.Status == register.Issued && orig.IssuerID != p.unit.ID {
			return register.Document{}, apperr.InvalidFields(map[string]string{"issuer_id": fmt.Sprintf(msgCorrectionIssuer,
				register.NumberSymbol(orig.Number, orig.Symbol), orig.IssuerID)})
		}
	}
	ctx = s.audited(ctx, action)
	d := register.Document{FormID: p.def.ID, IssuerID: p.unit.ID, CorrectsID: corrects}
	if err := s.fill(&d, p); err != nil {
		return register.Document{}, err
	}
	if err := s.requireSecret(ctx, &d); err != nil {
		return register.Document{}, err
	}
	if err := s.db.CreateDocument(ctx, &d); err != nil {
		return register.Document{}, err
	}
	return d, nil
}

// UpdateDraft replaces a draft's content. Issued documents are frozen (Conflict).
func (s *Service) UpdateDraft(ctx context.Context, id int64, sub *Submission) (register.Document, error) {
	if err := access.RequireAny(ctx, access.DocumentDraft); err != nil {
		return register.Document{}, err
	}
	d, err := s.db.Document(ctx, id)
	if err != nil {
		return register.Document{}, err
	}
	if err := s.require(ctx, access.DocumentDraft, d.IssuerID); err != nil {
		return register.Document{}, err
	}
	if d.Status != register.Draft {
		return register.Document{}, apperr.New(apperr.Conflict, register.MsgIssuedFrozen)
	}
	if sub.IssuerID != d.IssuerID {
		// The issuer of a draft is chosen once: a draft moved to another body would carry
		// its recipients, symbol and, for a correction, another body's register with it.
		return register.Document{}, apperr.InvalidFields(map[string]string{"issuer_id": fmt.Sprintf(msgIssuerFixed, d.IssuerID)})
	}
	p, err := s.prepare(sub)
	if err != nil {
		return register.Document{}, err
	}
	if err := s.require(ctx, access.DocumentDraft, p.unit.ID); err != nil {
		return register.Document{}, err
	}
	d.FormID, d.IssuerID = p.def.ID, p.unit.ID
	if err := s.fill(&d, p); err != nil {
		return register.Document{}, err
	}
	if err := s.requireSecret(ctx, &d); err != nil {
		return register.Document{}, err
	}
	if err := s.db.UpdateDraft(s.audited(ctx, access.ActDocumentUpdate), &d); err != nil {
		return register.Document{}, err
	}
	return d, nil
}

// fill copies the prepared values, recipients and register columns (kind, symbol, trích
// yếu, as the document will print them) into d.
func (s *Service) fill(d *register.Document, p *prepared) error {
	doc, err := s.document(p, 0, generator.Date{})
	if err != nil {
		return err
	}
	// go-json (built in through gin) encodes a submission faster than encoding/json. The
	// JSON is stored and sent to API clients, never into a page, so "<", ">" and "&" are
	// kept as they are rather than escaped as for HTML, which costs time for nothing.
	data, err := gojson.MarshalNoEscape(p.values)
	if err != nil {
		return apperr.Wrap(apperr.Internal, msgSaveData, err)
	}
	recipients, err := gojson.MarshalNoEscape(p.recipients)
	if err != nil {
		return apperr.Wrap(apperr.Internal, msgSaveRecipient, err)
	}
	d.Data, d.Recipients = data, recipients
	spec, _ := p.def.Kind.Spec()
	d.KindTitle, d.Symbol, d.Subject = spec.Name, doc.Symbol, doc.Subject
	// The marks decide the series (a secret document is numbered apart) and show in the
	// register; the form's select keeps them to the marks the decree allows.
	d.Secrecy, d.Urgency = strings.TrimSpace(doc.Secrecy), strings.TrimSpace(doc.Urgency)
	if c := doc.Certificate; c != nil && d.Subject == "" && c.Recipient != "" {
		// A certificate has no trích yếu: the register names whom it is for.
		verb := "tặng"
		if p.def.Kind == generator.GiayCongNhan {
			verb = "công nhận"
		}
		d.Subject = verb + " " + c.Recipient
	}
	if p.def.Kind == generator.CongVan && d.Subject != "" {
		d.Subject = typeset.CongVanSubject(d.Subject) // as the register and the header write it
	}
	return nil
}

// load turns a stored draft back into prepared input: the data is validated again against
// the form as it is now, and the recipients are the ones the user saw.
func (s *Service) load(d *register.Document) (*prepared, error) {
	var data map[string]any
	if err := json.Unmarshal(d.Data, &data); err != nil {
		return nil, apperr.Wrap(apperr.Internal, msgStoredData, err)
	}
	var r directory.Recipients
	if len(d.Recipients) > 0 {
		if err := json.Unmarshal(d.Recipients, &r); err != nil {
			return nil, apperr.Wrap(apperr.Internal, msgStoredRecip, err)
		}
	}
	return s.prepare(&Submission{Form: d.FormID, IssuerID: d.IssuerID, Data: data, Recipients: &r})
}

// DraftPreview renders a stored draft (blank number) or returns the stored file of an
// issued document.
func (s *Service) DraftPreview(ctx context.Context, id int64) ([]byte, error) {
	d, err := s.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	if d.Status == register.Issued {
		docx, _, err := s.db.DocumentFile(ctx, id)
		return docx, err
	}
	p, err := s.load(&d)
	if err != nil {
		return nil, err
	}
	return s.renderPreview(p, s.today())
}

// Issue gives a draft its number in the issuer's series for the current year, renders it
// with that number, and stores the file, its SHA-256 and its register line, all in one
// transaction: a failure anywhere leaves the draft a draft and the number unused.
func (s *Service) Issue(ctx context.Context, id int64) (register.Document, error) {
	if err := access.RequireAny(ctx, access.DocumentIssue); err != nil {
		return register.Document{}, err
	}
	d, err := s.db.Document(ctx, id)
	if err != nil {
		return register.Document{}, err
	}
	// Before a number is taken: an issuer outside the actor's scope never reaches the series.
	if err := s.require(ctx, access.DocumentIssue, d.IssuerID); err != nil {
		return register.Document{}, err
	}
	if err := s.requireSecret(ctx, &d); err != nil {
		return register.Document{}, err
	}
	if d.Status != register.Draft {
		return register.Document{}, apperr.New(apperr.Conflict, register.MsgAlreadyIssued)
	}
	p, err := s.load(&d)
	if err != nil {
		return register.Document{}, err
	}
	if err := checkIssuable(p); err != nil {
		return register.Document{}, err
	}
	now := s.now()
	date, err := s.dateOfIssue(p, now)
	if err != nil {
		return register.Document{}, err
	}
	render, done, err := s.renderIssued(p, date)
	if err != nil {
		return register.Document{}, err
	}
	defer done()
	doc, err := s.db.IssueInYear(s.audited(ctx, access.ActDocumentIssue), id, now, date.Year(), render)
	return doc, seriesError(p.def, err)
}

// dateOfIssue returns the date of a document issued at now, refusing one the issuer may
// not give it. The number comes from the series of its year, so number and date never
// disagree; the store refuses a date before the last of that series.
func (s *Service) dateOfIssue(p *prepared, now time.Time) (time.Time, error) {
	today := register.Day(now)
	date := issueDate(p, today)
	return date, s.checkIssueDate(p, date, today)
}

// renderIssued returns the storage callback that writes p with the number it is given,
// and a function to call when the issue is over. The document is rendered and compressed
// here, before the register's lock is taken; inside it only the number is written in, which
// takes microseconds. A form whose templates print the number itself is mapped and
// rendered inside the lock instead.
func (s *Service) renderIssued(p *prepared, date time.Time) (register.RenderFunc, func(), error) {
	day := generator.DateOf(date)
	if p.def.UsesNumber() {
		return func(number int) ([]byte, register.Entry, error) {
			docx, doc, err := s.render(p, number, day)
			if err != nil {
				return nil, register.Entry{}, err
			}
			return docx, entryOf(&doc, p, date), nil
		}, func() {}, nil
	}
	doc, err := s.document(p, 0, day)
	if err != nil {
		return nil, nil, err
	}
	pre, err := s.renderer.Prepare(&doc)
	if err != nil {
		return nil, nil, apperr.Wrap(apperr.Internal, msgRenderFailed, err)
	}
	entry := entryOf(&doc, p, date)
	return func(number int) ([]byte, register.Entry, error) {
		var buf bytes.Buffer
		buf.Grow(16 << 10)
		if err := pre.Write(&buf, number); err != nil {
			return nil, register.Entry{}, apperr.Wrap(apperr.Internal, msgRenderFailed, err)
		}
		return buf.Bytes(), entry, nil
	}, pre.Release, nil
}

// CreateAndIssue stores and issues a submission in one transaction, as a secretariat does
// for a document that needs no review as a draft.
func (s *Service) CreateAndIssue(ctx context.Context, sub *Submission) (register.Document, error) {
	if err := access.RequireAny(ctx, access.DocumentIssue); err != nil {
		return register.Document{}, err
	}
	p, err := s.prepare(sub)
	if err != nil {
		return register.Document{}, err
	}
	// Before a number is taken: an issuer outside the actor's scope never reaches the series.
	if err := s.require(ctx, access.DocumentIssue, p.unit.ID); err != nil {
		return register.Document{}, err
	}
	if err := checkIssuable(p); err != nil {
		return register.Document{}, err
	}
	d := register.Document{FormID: p.def.ID, IssuerID: p.unit.ID}
	if err := s.fill(&d, p); err != nil {
		return register.Document{}, err
	}
	if err := s.requireSecret(ctx, &d); err != nil {
		return register.Document{}, err
	}
	now := s.now()
	date, err := s.dateOfIssue(p, now)
	if err != nil {
		return register.Document{}, err
	}
	render, done, err := s.renderIssued(p, date)
	if err != nil {
		return register.Document{}, err
	}
	defer done()
	doc, err := s.db.CreateAndIssue(s.audited(ctx, access.ActDocumentIssue), &d, now, date.Year(), render)
	return doc, seriesError(p.def, err)
}

// entryOf fills the register columns the document knows: the signer, the date (the one the
// document is dated with: the form's, or the day of issue) and the number of copies
// (register.Copies, with the archive copies the form asks for).
func entryOf(doc *generator.Document, p *prepared, date time.Time) register.Entry {
	archive := 1
	if f, ok := p.def.FieldFor(forms.TargetCopies); ok {
		if n, ok := p.values.Number(f.Name); ok && n >= 1 {
			archive = int(n)
		}
	}
	return register.Entry{Signer: doc.Signer.Name, Copies: register.Copies(p.recipients, archive), Date: date}
}

// Document returns one stored document.
func (s *Service) Document(ctx context.Context, id int64) (register.Document, error) {
	if err := access.RequireAny(ctx, access.DocumentRead); err != nil {
		return register.Document{}, err
	}
	d, err := s.db.Document(ctx, id)
	if err != nil {
		return register.Document{}, err
	}
	if err := s.require(ctx, access.DocumentRead, d.IssuerID); err != nil {
		return register.Document{}, err
	}
	if d.Secret() && !s.can(ctx, access.RegisterSecretRead, d.IssuerID) {
		// Its existence is not revealed to whoever may not handle secret documents.
		return register.Document{}, apperr.New(apperr.NotFound, register.MsgDocumentNotFound)
	}
	return d, nil
}

// Corrections returns the issued documents correcting document id (Đính chính) that the
// actor may read, oldest first, for an actor who may read the document.
func (s *Service) Corrections(ctx context.Context, id int64) ([]register.Document, error) {
	if _, err := s.Document(ctx, id); err != nil {
		return nil, err
	}
	docs, err := s.db.Corrections(ctx, id)
	if err != nil {
		return nil, err
	}
	kept := docs[:0]
	for _, d := range docs {
		if s.can(ctx, access.DocumentRead, d.IssuerID) && (!d.Secret() || s.can(ctx, access.RegisterSecretRead, d.IssuerID)) {
			kept = append(kept, d)
		}
	}
	return kept, nil
}

// requireSecret refuses a secret document (one carrying a secrecy mark, Decree 30 art.
// 15.2) to an actor who may not handle the issuer's secret documents: drafting, issuing
// and reading them need register.secret.read over the issuer, as its register does.
func (s *Service) requireSecret(ctx context.Context, d *register.Document) error {
	if !d.Secret() {
		return nil
	}
	return s.require(ctx, access.RegisterSecretRead, d.IssuerID)
}

// can reports whether the actor in ctx may do p on unitID.
func (s *Service) can(ctx context.Context, p access.Permission, unitID string) bool {
	return access.Can(access.FromContext(ctx), p, unitID, s.tree.Load())
}

// Documents lists stored documents.
//
// An actor who may read documents of some units only gets those units' documents: with an
// issuer in the filter, that issuer must be in scope; without one, the page is filtered,
// so it may hold fewer than Limit documents.
func (s *Service) Documents(ctx context.Context, f register.DocumentFilter) ([]register.Document, error) {
	if err := access.RequireAny(ctx, access.DocumentRead); err != nil {
		return nil, err
	}
	all, units := s.visible(ctx, access.DocumentRead)
	if f.IssuerID != "" {
		if err := s.require(ctx, access.DocumentRead, f.IssuerID); err != nil {
			return nil, err
		}
		f.NoSecret = !s.can(ctx, access.RegisterSecretRead, f.IssuerID)
	} else if !all {
		// The page is cut in the database: documents of other units, left out afterwards,
		// would leave it short or empty while the actor's own went unlisted.
		return nil, apperr.InvalidFields(map[string]string{"issuer": msgDocumentsIssuer})
	}
	docs, err := s.db.Documents(ctx, f)
	if err != nil {
		return nil, err
	}
	kept := docs[:0]
	for _, d := range docs {
		if (all || units[d.IssuerID]) && (!d.Secret() || s.can(ctx, access.RegisterSecretRead, d.IssuerID)) {
			kept = append(kept, d)
		}
	}
	return kept, nil
}

// File returns the stored .docx of an issued document and its SHA-256, checked again.
func (s *Service) File(ctx context.Context, id int64) ([]byte, string, error) {
	if _, err := s.Document(ctx, id); err != nil {
		return nil, "", err
	}
	return s.db.DocumentFile(ctx, id)
}

// Blank renders the blank template of a form, with the unit's header when unitID is set.
func (s *Service) Blank(ctx context.Context, formID, unitID string) ([]byte, error) {
	if err := access.RequireAny(ctx, access.TemplateRead); err != nil {
		return nil, err
	}
	def, err := s.form(formID)
	if err != nil {
		return nil, err
	}
	var iss forms.Issuer
	if unitID != "" {
		unit, ok := s.tree.Load().Unit(unitID)
		if !ok {
			return nil, apperr.New(apperr.NotFound, fmt.Sprintf(msgNoSuchUnit, unitID))
		}
		iss = s.issuer(unit, 0, generator.Date{})
	}
	doc := def.Blank(iss)
	var buf bytes.Buffer
	if err := s.renderer.Render(&buf, &doc); err != nil {
		return nil, apperr.Wrap(apperr.Internal, msgBlankFailed, err)
	}
	return buf.Bytes(), nil
}

// Register returns the lines of the outgoing register: the ordinary one whatever
// f.Secret says, secret documents being registered apart (see SecretRegister).
// Like Documents, it keeps to the units the actor may read.
func (s *Service) Register(ctx context.Context, f register.RegisterFilter) ([]register.Entry, error) {
	f.Secret = false
	return s.registerFor(ctx, f, access.RegisterRead)
}

// ExportRegister is Register for a CSV or XLSX export, which needs register.export.
func (s *Service) ExportRegister(ctx context.Context, f register.RegisterFilter) ([]register.Entry, error) {
	f.Secret = false
	return s.registerFor(ctx, f, access.RegisterExport)
}

// SecretRegister returns the lines of the register of secret documents (Decree 30, art.
// 15.2), which needs register.secret.read on the issuer, kept to the units the actor may
// read it of.
func (s *Service) SecretRegister(ctx context.Context, f register.RegisterFilter) ([]register.Entry, error) {
	f.Secret = true
	return s.registerFor(ctx, f, access.RegisterSecretRead)
}

// ExportSecretRegister is SecretRegister for a CSV or XLSX export: it needs both
// register.secret.read and register.export.
func (s *Service) ExportSecretRegister(ctx context.Context, f register.RegisterFilter) ([]register.Entry, error) {
	f.Secret = true
	return s.registerFor(ctx, f, access.RegisterSecretRead, access.RegisterExport)
}

// registerFor lists the register lines f selects for an actor who holds every permission
// of perms: on f's issuer if it names one, and only lines of units where all are held.
func (s *Service) registerFor(ctx context.Context, f register.RegisterFilter, perms ...access.Permission) ([]register.Entry, error) {
	for _, p := range perms {
		if err := access.RequireAny(ctx, p); err != nil {
			return nil, err
		}
		if f.IssuerID != "" {
			if err := s.require(ctx, p, f.IssuerID); err != nil {
				return nil, err
			}
		}
	}
	entries, err := s.db.Register(ctx, f)
	if err != nil {
		return nil, err
	}
	for _, p := range perms {
		if all, units := s.visible(ctx, p); !all {
			kept := entries[:0]
			for _, e := range entries {
				if units[e.IssuerID] {
					kept = append(kept, e)
				}
			}
			entries = kept
		}
	}
	return entries, nil
}

// Directory returns the organisation tree for an actor who may read it.
func (s *Service) Directory(ctx context.Context) (*directory.Tree, error) {
	if err := access.RequireAny(ctx, access.DirectoryRead); err != nil {
		return nil, err
	}
	return s.tree.Load(), nil
}

// SearchRegister returns one page of the register and whether more lines follow it, for
// the register page. An actor who may not read every unit's register names the unit: the page
// is cut in the database, so it cannot be filtered afterwards as Register is.
func (s *Service) SearchRegister(ctx context.Context, f register.RegisterSearch) ([]register.Entry, bool, error) {
	if err := access.RequireAny(ctx, access.RegisterRead); err != nil {
		return nil, false, err
	}
	if f.IssuerID != "" {
		if err := s.require(ctx, access.RegisterRead, f.IssuerID); err != nil {
			return nil, false, err
		}
	} else if all, _ := s.visible(ctx, access.RegisterRead); !all {
		return nil, false, apperr.InvalidFields(map[string]string{"issuer": msgRegisterIssuer})
	}
	return s.db.SearchRegister(ctx, f)
}
