package inspection

import (
	"context"

	"vanthu/access"
	"vanthu/directory"
)

// The recognition cycle refuses, here and nowhere else, what the actor of the request may
// not do: every exported method that reads or changes a round calls one of these before
// it acts. A round belongs to its authority: round management, the whole round's results
// and its dashboard are authorised on it. An object of a round belongs to the round's
// authority and, when it is linked to a unit of the directory, to that unit too: the unit
// registers itself and reads its own result; an inspector whose scope covers either
// assesses it.

// directory returns the directory the scopes are judged on, nil when the service has none.
func (s *Service) directory() *directory.Tree {
	if s.tree == nil {
		return nil
	}
	return s.tree()
}

// requireRound checks the actor of ctx may do p on the round as a whole.
func (s *Service) requireRound(ctx context.Context, p access.Permission, r *Round) error {
	return access.Require(ctx, p, r.AuthorityID, s.directory())
}

// canObject reports whether the actor of ctx may do p on object o of round r.
func (s *Service) canObject(ctx context.Context, p access.Permission, r *Round, o *Object) bool {
	a, tree := access.FromContext(ctx), s.directory()
	return access.Can(a, p, r.AuthorityID, tree) || (o.UnitID != "" && access.Can(a, p, o.UnitID, tree))
}

// requireObject checks the actor of ctx may do p on object o of round r; the refusal names
// the object's unit, or the authority when the object has none.
func (s *Service) requireObject(ctx context.Context, p access.Permission, r *Round, o *Object) error {
	if s.canObject(ctx, p, r, o) {
		return nil
	}
	unit := o.UnitID
	if unit == "" {
		unit = r.AuthorityID
	}
	return access.Require(ctx, p, unit, s.directory())
}

// visibleObjects returns the objects of r the actor of ctx may do p on; all of them when
// the actor may do p on the round's authority.
func (s *Service) visibleObjects(ctx context.Context, p access.Permission, r *Round, objects []Object) []Object {
	if access.Can(access.FromContext(ctx), p, r.AuthorityID, s.directory()) {
		return objects
	}
	out := []Object{}
	for i := range objects {
		if s.canObject(ctx, p, r, &objects[i]) {
			out = append(out, objects[i])
		}
	}
	return out
}

// readableRound returns round id when the actor of ctx may read it: on its authority, or
// because an object of its roster is in the actor's scope (a commune reads the province's
// round it takes part in). Otherwise the refusal names the authority.
func (s *Service) readableRound(ctx context.Context, id int64) (*Round, error) {
	r, err := s.store.Round(ctx, id)
	if err != nil {
		return nil, err
	}
	if ok, err := s.mayRead(ctx, r); err != nil || ok {
		return r, err
	}
	return nil, s.requireRound(ctx, access.RoundRead, r)
}

// mayRead reports whether the actor of ctx may read round r (see readableRound).
func (s *Service) mayRead(ctx context.Context, r *Round) (bool, error) {
	if err := access.RequireAny(ctx, access.RoundRead); err != nil {
		return false, err
	}
	if access.Can(access.FromContext(ctx), access.RoundRead, r.AuthorityID, s.directory()) {
		return true, nil
	}
	objects, err := s.store.Objects(ctx, r.ID)
	if err != nil {
		return false, err
	}
	return len(s.visibleObjects(ctx, access.RoundRead, r, objects)) > 0, nil
}

// audited returns ctx asking the store to record action in the audit log, by the actor of
// ctx, in the transaction of the change (see access.WithAudit).
func (s *Service) audited(ctx context.Context, action string) context.Context {
	return access.WithAudit(ctx, access.NewAuditEntry(ctx, s.now(), action, "", ""))
}

// Audit actions of the recognition cycle.
const (
	ActRoundCreate     = "round.create"
	ActRoundUpdate     = "round.update"
	ActRoundDelete     = "round.delete"
	ActRosterPut       = "round.roster-put"
	ActRosterDelete    = "round.roster-delete"
	ActRegister        = "round.register"
	ActAssessmentSave  = "inspection.assessment-save"
	ActCertificateLink = "round.certificate-link"
)
