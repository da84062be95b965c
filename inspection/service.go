package inspection

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
)

// Store keeps rounds, their objects, registrations and assessments. Every method that
// changes something does it in one transaction. Not-found and conflict cases are returned
// as apperr errors with the messages above.
type Store interface {
	CreateRound(ctx context.Context, r *Round) error // sets ID, CreatedAt, UpdatedAt
	UpdateRound(ctx context.Context, r *Round) error
	DeleteRound(ctx context.Context, id int64) error
	Round(ctx context.Context, id int64) (*Round, error)
	Rounds(ctx context.Context, f RoundFilter) ([]Round, error)

	// PutObjects adds the objects to the round's roster, or changes the kind, name, parent
	// and unit of those already there; registrations are kept.
	PutObjects(ctx context.Context, roundID int64, objects []Object) error
	// DeleteObject removes an object with its files and assessment.
	DeleteObject(ctx context.Context, roundID int64, id string) error
	Object(ctx context.Context, roundID int64, id string) (*Object, error)
	Objects(ctx context.Context, roundID int64) ([]Object, error)

	// RegisterObject records the registration of an object and stores its files, setting their
	// IDs and CreatedAt.
	RegisterObject(ctx context.Context, roundID int64, objectID string, reg *Registration, late bool) error
	Attachments(ctx context.Context, roundID int64, objectID string) ([]Attachment, error)
	Attachment(ctx context.Context, roundID, id int64) (*Attachment, error)

	// SaveAssessment stores a when the stored version is a.Version (0: none stored yet) and
	// sets a.Version to the new version; otherwise it returns a Conflict.
	SaveAssessment(ctx context.Context, a *Assessment) error
	Assessment(ctx context.Context, roundID int64, objectID string) (*Assessment, error)
	Assessments(ctx context.Context, roundID int64) ([]Assessment, error)

	// AddCertificates links issued certificates to objects of the round.
	AddCertificates(ctx context.Context, roundID int64, certs []Certificate) error
	// Certificates lists the round's certificates with their numbers.
	Certificates(ctx context.Context, roundID int64) ([]Certificate, error)
	// CertificateFile returns the .docx of a certificate linked to the object, or NotFound.
	CertificateFile(ctx context.Context, roundID int64, objectID string, documentID int64) ([]byte, error)
}

// Config is what a Service needs.
type Config struct {
	Store   Store
	Catalog *Catalog
	// MaxAttachment is the largest registration file in bytes; MaxAttachmentSize when 0.
	MaxAttachment int64
	// Now is the clock, time.Now when nil (tests set it to judge lateness).
	Now func() time.Time
	// Tree returns the organisation directory the actors' scopes are judged on (the
	// secretariat's, which follows directory changes).
	Tree func() *directory.Tree
}

// Service runs the recognition cycle: it validates, decides and scores; the Store stores.
type Service struct {
	store   Store
	cat     *Catalog
	maxFile int64
	now     func() time.Time
	tree    func() *directory.Tree
}

// New returns a Service.
func New(cfg Config) (*Service, error) {
	if cfg.Store == nil || cfg.Catalog == nil || cfg.Tree == nil {
		return nil, fmt.Errorf("inspection: Store, Catalog and Tree are required")
	}
	s := &Service{store: cfg.Store, cat: cfg.Catalog, maxFile: cfg.MaxAttachment, now: cfg.Now, tree: cfg.Tree}
	if s.maxFile <= 0 {
		s.maxFile = MaxAttachmentSize
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s, nil
}

// Catalog returns the checklists.
func (s *Service) Catalog() *Catalog { return s.cat }

// Checklists lists the blank checklists, for anyone who may download blank templates.
func (s *Service) Checklists(ctx context.Context) ([]*Checklist, error) {
	if err := access.RequireAny(ctx, access.TemplateRead); err != nil {
		return nil, err
	}
	return s.cat.List(), nil
}

// Checklist returns the checklist id, or NotFound.
func (s *Service) Checklist(ctx context.Context, id string) (*Checklist, error) {
	if err := access.RequireAny(ctx, access.TemplateRead); err != nil {
		return nil, err
	}
	c := s.cat.Get(id)
	if c == nil {
		return nil, apperr.New(apperr.NotFound, MsgChecklistNotFound)
	}
	return c, nil
}

// RoundInput is what a user gives to create or change a round. Calendar, when given,
// replaces the dates of the kinds it names.
type RoundInput struct {
	Year        int            `json:"year"`
	AuthorityID string         `json:"authority_id"`
	Name        string         `json:"name"`
	Target      float64        `json:"target"`
	Calendar    map[Kind]Dates `json:"calendar"`
}

// CreateRound creates the round of a year for an authority, with the calendar of the
// checklists unless the input gives dates.
func (s *Service) CreateRound(ctx context.Context, in RoundInput) (*Round, error) {
	if err := access.Require(ctx, access.RoundManage, in.AuthorityID, s.directory()); err != nil {
		return nil, err
	}
	r, err := s.cat.NewRound(in.Year, in.AuthorityID, norm.NFC.String(in.Name), in.Target)
	if err != nil {
		return nil, err
	}
	for k, d := range in.Calendar {
		r.Calendar[k] = d
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	if err := s.store.CreateRound(s.audited(ctx, ActRoundCreate), r); err != nil {
		return nil, err
	}
	return r, nil
}

// UpdateRound changes the name, target and dates of a round; the year and authority stay.
func (s *Service) UpdateRound(ctx context.Context, id int64, in RoundInput) (*Round, error) {
	r, err := s.store.Round(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.requireRound(ctx, access.RoundManage, r); err != nil {
		return nil, err
	}
	f := map[string]string{}
	if in.Year != 0 && in.Year != r.Year {
		f["year"] = msgYearFixed
	}
	if in.AuthorityID != "" && in.AuthorityID != r.AuthorityID {
		f["authority_id"] = msgAuthorityFixed
	}
	if len(f) > 0 {
		return nil, apperr.InvalidFields(f)
	}
	if name := strings.TrimSpace(norm.NFC.String(in.Name)); name != "" {
		r.Name = name
	}
	if in.Target != 0 {
		r.Target = in.Target
	}
	for k, d := range in.Calendar {
		r.Calendar[k] = d
	}
	if err := r.check(); err != nil {
		return nil, err
	}
	if err := s.store.UpdateRound(s.audited(ctx, ActRoundUpdate), r); err != nil {
		return nil, err
	}
	return r, nil
}

// DeleteRound removes a round with its roster, registrations and assessments.
func (s *Service) DeleteRound(ctx context.Context, id int64) error {
	r, err := s.store.Round(ctx, id)
	if err != nil {
		return err
	}
	if err := s.requireRound(ctx, access.RoundManage, r); err != nil {
		return err
	}
	return s.store.DeleteRound(s.audited(ctx, ActRoundDelete), id)
}

// Round returns one round, to an actor who may read it (see readableRound).
func (s *Service) Round(ctx context.Context, id int64) (*Round, error) {
	return s.readableRound(ctx, id)
}

// Rounds lists the rounds the actor may read, newest year first.
func (s *Service) Rounds(ctx context.Context, f RoundFilter) ([]Round, error) {
	if err := access.RequireAny(ctx, access.RoundRead); err != nil {
		return nil, err
	}
	rounds, err := s.store.Rounds(ctx, f)
	if err != nil {
		return nil, err
	}
	out := rounds[:0]
	for i := range rounds {
		ok, err := s.mayRead(ctx, &rounds[i])
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, rounds[i])
		}
	}
	return out, nil
}

// MaxObjectsPerCall bounds one roster request.
const MaxObjectsPerCall = 10000

// PutObjects adds objects to a round's roster or changes them. Every parent must be an object
// of the round (already there or in the same request), and parents may not form a cycle.
func (s *Service) PutObjects(ctx context.Context, roundID int64, objects []Object) error {
	r, err := s.store.Round(ctx, roundID)
	if err != nil {
		return err
	}
	if err := s.requireRound(ctx, access.RoundManage, r); err != nil {
		return err
	}
	if len(objects) == 0 {
		return apperr.InvalidFields(map[string]string{"objects": msgNoObjects})
	}
	if len(objects) > MaxObjectsPerCall {
		return apperr.InvalidFields(map[string]string{"objects": fmt.Sprintf(msgTooManyObjects, MaxObjectsPerCall)})
	}
	existing, err := s.store.Objects(ctx, roundID)
	if err != nil {
		return err
	}
	parent := make(map[string]string, len(existing)+len(objects))
	for _, o := range existing {
		parent[o.ID] = o.ParentID
	}
	f := map[string]string{}
	seen := make(map[string]bool, len(objects))
	for i := range objects {
		o := &objects[i]
		o.RoundID = roundID
		o.Name = norm.NFC.String(o.Name)
		field := fmt.Sprintf("objects[%d]", i)
		checkObject(o, field, f)
		if seen[o.ID] {
			f[field+".id"] = fmt.Sprintf(msgDuplicateObject, o.ID)
		}
		seen[o.ID] = true
		parent[o.ID] = o.ParentID
	}
	for i, o := range objects {
		if o.ParentID == "" {
			continue
		}
		field := fmt.Sprintf("objects[%d].parent_id", i)
		if _, ok := parent[o.ParentID]; !ok {
			f[field] = fmt.Sprintf(msgUnknownParent, o.ParentID)
			continue
		}
		// Walk up; a chain longer than the roster is a cycle.
		at, steps := o.ParentID, 0
		for at != "" && steps <= len(parent) {
			at, steps = parent[at], steps+1
		}
		if at != "" {
			f[field] = fmt.Sprintf(msgParentCycle, o.ID)
		}
	}
	if len(f) > 0 {
		return apperr.InvalidFields(f)
	}
	return s.store.PutObjects(s.audited(ctx, ActRosterPut), roundID, objects)
}

// DeleteObject removes an object entered by mistake from a round's roster, with its files
// and assessment. An object others name as their parent stays until they are moved.
func (s *Service) DeleteObject(ctx context.Context, roundID int64, id string) error {
	r, err := s.store.Round(ctx, roundID)
	if err != nil {
		return err
	}
	if err := s.requireRound(ctx, access.RoundManage, r); err != nil {
		return err
	}
	if _, err := s.object(ctx, roundID, id); err != nil {
		return err
	}
	objects, err := s.store.Objects(ctx, roundID)
	if err != nil {
		return err
	}
	var under []string
	for _, o := range objects {
		if o.ParentID == id {
			under = append(under, o.Name)
		}
	}
	if len(under) > 0 {
		return &apperr.Error{Code: apperr.Conflict, Message: fmt.Sprintf(MsgObjectHasChildren, len(under)),
			Fields: map[string]string{"object_id": fmt.Sprintf(msgStillUnder, listNames(under, 5))}}
	}
	return s.store.DeleteObject(s.audited(ctx, ActRosterDelete), roundID, id)
}

// Objects returns a round's roster: the whole roster to an actor who may read the round on
// its authority, otherwise the objects in the actor's scope.
func (s *Service) Objects(ctx context.Context, roundID int64) ([]Object, error) {
	r, err := s.readableRound(ctx, roundID)
	if err != nil {
		return nil, err
	}
	objects, err := s.store.Objects(ctx, roundID)
	if err != nil {
		return nil, err
	}
	return s.visibleObjects(ctx, access.RoundRead, r, objects), nil
}

// Register records an object's registration with its files (art. 9.2.a). The day defaults
// to today; a registration after the round's due date is flagged late, not refused.
func (s *Service) Register(ctx context.Context, roundID int64, objectID string, reg *Registration) (*Object, error) {
	r, err := s.store.Round(ctx, roundID)
	if err != nil {
		return nil, err
	}
	o, err := s.object(ctx, roundID, objectID)
	if err != nil {
		return nil, err
	}
	if err := s.requireObject(ctx, access.RoundRegister, r, o); err != nil {
		return nil, err
	}
	if len(reg.Files) > 0 {
		if err := s.requireObject(ctx, access.InspectionUpload, r, o); err != nil {
			return nil, err
		}
	}
	reg.Note = strings.TrimSpace(norm.NFC.String(reg.Note))
	if reg.RegisteredOn == "" {
		reg.RegisteredOn = dateOf(s.now())
	}
	f := map[string]string{}
	if _, err := time.Parse(dateLayout, reg.RegisteredOn); err != nil {
		f["registered_on"] = msgRegisteredOn
	}
	if len([]rune(reg.Note)) > maxNote {
		f["note"] = fmt.Sprintf(msgNoteTooLong, maxNote)
	}
	if len(f) > 0 {
		return nil, apperr.InvalidFields(f)
	}
	for i := range reg.Files {
		a := &reg.Files[i]
		if err := checkAttachment(a, s.maxFile, fmt.Sprintf("files[%d]", i)); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(a.Data)
		a.SHA256 = hex.EncodeToString(sum[:])
		a.RoundID, a.ObjectID = roundID, o.ID
	}
	late := false
	if d, ok := r.Calendar[o.Kind]; ok && reg.RegisteredOn > d.RegistrationDue {
		late = true
	}
	if err := s.store.RegisterObject(s.audited(ctx, ActRegister), roundID, o.ID, reg, late); err != nil {
		return nil, err
	}
	o.RegisteredOn, o.RegisteredLate, o.RegistrationNote = reg.RegisteredOn, late, reg.Note
	return o, nil
}

// Attachments lists an object's registration files, without their content.
func (s *Service) Attachments(ctx context.Context, roundID int64, objectID string) ([]Attachment, error) {
	if _, _, err := s.authorizedObject(ctx, access.InspectionFileRead, roundID, objectID); err != nil {
		return nil, err
	}
	return s.store.Attachments(ctx, roundID, objectID)
}

// Attachment returns one registration file with its content.
func (s *Service) Attachment(ctx context.Context, roundID, id int64) (*Attachment, error) {
	if err := access.RequireAny(ctx, access.InspectionFileRead); err != nil {
		return nil, err
	}
	a, err := s.store.Attachment(ctx, roundID, id)
	if err != nil {
		return nil, err
	}
	if _, _, err := s.authorizedObject(ctx, access.InspectionFileRead, roundID, a.ObjectID); err != nil {
		return nil, err
	}
	return a, nil
}

// authorizedObject returns the round and its object after checking the actor of ctx may do
// p on the object.
func (s *Service) authorizedObject(ctx context.Context, p access.Permission, roundID int64, objectID string) (*Round, *Object, error) {
	r, err := s.store.Round(ctx, roundID)
	if err != nil {
		return nil, nil, err
	}
	o, err := s.object(ctx, roundID, objectID)
	if err != nil {
		return nil, nil, err
	}
	if err := s.requireObject(ctx, p, r, o); err != nil {
		return nil, nil, err
	}
	return r, o, nil
}

// object returns an object of the round, or a NotFound naming the field.
func (s *Service) object(ctx context.Context, roundID int64, id string) (*Object, error) {
	o, err := s.store.Object(ctx, roundID, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, &apperr.Error{Code: apperr.NotFound, Message: MsgObjectNotFound,
			Fields: map[string]string{"object_id": fmt.Sprintf(msgObjectOutsideRound, id, roundID)}}
	}
	return o, err
}

// Form is what the inspector sees for one object: the checklist and the saved answers
// (version 0 when nothing is saved yet).
type Form struct {
	Object     *Object     `json:"object"`
	Checklist  *Checklist  `json:"checklist"`
	Assessment *Assessment `json:"assessment"`
}

// Assessment returns the checklist of an object with the answers saved so far.
func (s *Service) Assessment(ctx context.Context, roundID int64, objectID string) (*Form, error) {
	_, o, err := s.authorizedObject(ctx, access.InspectionAssess, roundID, objectID)
	if err != nil {
		return nil, err
	}
	c := s.cat.ForKind(o.Kind)
	if c == nil {
		return nil, apperr.New(apperr.NotFound, MsgChecklistNotFound)
	}
	a, err := s.store.Assessment(ctx, roundID, objectID)
	if apperr.CodeOf(err) == apperr.NotFound {
		a, err = &Assessment{RoundID: roundID, ObjectID: objectID, Answers: map[string]Answer{}}, nil
	}
	if err != nil {
		return nil, err
	}
	return &Form{Object: o, Checklist: c, Assessment: a}, nil
}

// SaveAssessment saves an inspector's answers as a draft. a.Version is the version the
// inspector opened (0 for a new checklist); if someone saved in between, the save is
// refused with a Conflict instead of losing their answers. The saved assessment, with its
// new version, is returned with the object's verdict as it stands.
func (s *Service) SaveAssessment(ctx context.Context, a *Assessment) (*Assessment, error) {
	r, o, err := s.authorizedObject(ctx, access.InspectionAssess, a.RoundID, a.ObjectID)
	if err != nil {
		return nil, err
	}
	c := s.cat.ForKind(o.Kind)
	if c == nil {
		return nil, apperr.New(apperr.NotFound, MsgChecklistNotFound)
	}
	if a.Answers == nil {
		a.Answers = map[string]Answer{}
	}
	if err := checkAssessment(c, a); err != nil {
		return nil, err
	}
	now := s.now()
	a.UpdatedAt = now.UTC().Truncate(time.Microsecond)
	a.UpdatedBy = strings.TrimSpace(a.UpdatedBy)
	a.Late = false
	if d, ok := r.Calendar[o.Kind]; ok && dateOf(now) > d.ProposalDue {
		a.Late = true
	}
	if err := s.store.SaveAssessment(s.audited(ctx, ActAssessmentSave), a); err != nil {
		return nil, err
	}
	return a, nil
}

// Result scores every object of a round, for an actor who may read the results of its
// authority.
func (s *Service) Result(ctx context.Context, roundID int64) (*Round, []Object, *Scores, error) {
	return s.authorizedResult(ctx, access.ResultRead, roundID)
}

// authorizedResult is result after checking the actor may do p on the round's authority.
func (s *Service) authorizedResult(ctx context.Context, p access.Permission, roundID int64) (*Round, []Object, *Scores, error) {
	r, err := s.store.Round(ctx, roundID)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := s.requireRound(ctx, p, r); err != nil {
		return nil, nil, nil, err
	}
	return s.result(ctx, r)
}

// result scores every object of r; the callers have authorised the actor.
func (s *Service) result(ctx context.Context, r *Round) (*Round, []Object, *Scores, error) {
	roundID := r.ID
	objects, err := s.store.Objects(ctx, roundID)
	if err != nil {
		return nil, nil, nil, err
	}
	assessments, err := s.store.Assessments(ctx, roundID)
	if err != nil {
		return nil, nil, nil, err
	}
	linked, err := s.linked(ctx, r, objects)
	if err != nil {
		return nil, nil, nil, err
	}
	return r, objects, s.cat.ScoreLinked(objects, assessments, linked), nil
}

// linked finds, for each object of r whose checklist counts the objects under it (a
// commune) and that has none under it in r, the round its own unit runs in the same year:
// the province's round judges a commune's item 4 from the commune's round.
func (s *Service) linked(ctx context.Context, r *Round, objects []Object) (map[string]*Linked, error) {
	hasKids := map[string]bool{}
	for _, o := range objects {
		if o.ParentID != "" {
			hasKids[o.ParentID] = true
		}
	}
	var linked map[string]*Linked
	for _, o := range objects {
		c := s.cat.ForKind(o.Kind)
		if c == nil || !c.hasSubObjects() || o.UnitID == "" || o.UnitID == r.AuthorityID || hasKids[o.ID] {
			continue
		}
		rounds, err := s.store.Rounds(ctx, RoundFilter{Year: r.Year, AuthorityID: o.UnitID})
		if err != nil {
			return nil, err
		}
		if len(rounds) == 0 {
			continue
		}
		sub, err := s.store.Objects(ctx, rounds[0].ID)
		if err != nil {
			return nil, err
		}
		answers, err := s.store.Assessments(ctx, rounds[0].ID)
		if err != nil {
			return nil, err
		}
		if linked == nil {
			linked = map[string]*Linked{}
		}
		linked[o.ID] = &Linked{RoundID: rounds[0].ID, Objects: sub, Scores: s.cat.Score(sub, answers)}
	}
	return linked, nil
}

// ObjectResult is the verdict of one object of a round.
func (s *Service) ObjectResult(ctx context.Context, roundID int64, objectID string) (*Verdict, error) {
	r, _, err := s.authorizedObject(ctx, access.ResultRead, roundID, objectID)
	if err != nil {
		return nil, err
	}
	_, _, scores, err := s.result(ctx, r)
	if err != nil {
		return nil, err
	}
	return scores.Of(objectID), nil
}

// Progress is a round's progress to its target.
func (s *Service) Progress(ctx context.Context, roundID int64) (*Progress, error) {
	r, objects, scores, err := s.authorizedResult(ctx, access.DashboardRead, roundID)
	if err != nil {
		return nil, err
	}
	return s.cat.Progress(r, objects, scores), nil
}

// Prefill returns the fields of a document computed from a round's results (see Prefill).
func (s *Service) Prefill(ctx context.Context, roundID int64, req DocumentRequest) (map[string]any, error) {
	r, objects, scores, err := s.Result(ctx, roundID)
	if err != nil {
		return nil, err
	}
	return Prefill(req, r, objects, scores)
}

// Recognised returns the verdicts of the objects of the kinds given (all when empty) that
// are recognised, in roster order: one certificate each.
func (s *Service) Recognised(ctx context.Context, roundID int64, kinds []Kind) (*Round, []Verdict, error) {
	r, _, scores, err := s.Result(ctx, roundID)
	if err != nil {
		return nil, nil, err
	}
	var out []Verdict
	for _, v := range scores.Verdicts {
		if v.Outcome == Recognised && (len(kinds) == 0 || hasKind(kinds, v.Kind)) {
			out = append(out, v)
		}
	}
	return r, out, nil
}

// MaxAttachment is the largest registration file accepted, in bytes (shown on forms).
func (s *Service) MaxAttachment() int64 { return s.maxFile }
