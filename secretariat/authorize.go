package secretariat

import (
	"context"

	"vanthu/access"
)

// The secretariat refuses, here and nowhere else, what the actor of the request may not
// do: every exported method that reads or changes the register calls one of these before
// it acts. A document is authorised on its issuer: the văn thư of a unit drafts, issues
// and corrects the documents that unit issues.

// require checks the actor of ctx may do p on unitID.
func (s *Service) require(ctx context.Context, p access.Permission, unitID string) error {
	return access.Require(ctx, p, unitID, s.tree.Load())
}

// audited returns ctx asking the store to record action in the audit log, by the actor of
// ctx, in the transaction of the change (see access.WithAudit).
func (s *Service) audited(ctx context.Context, action string) context.Context {
	return access.WithAudit(ctx, access.NewAuditEntry(ctx, s.now(), action, "", ""))
}

// visible returns a filter for lists: all when the actor may do p everywhere, otherwise
// the set of units whose items may be shown.
func (s *Service) visible(ctx context.Context, p access.Permission) (all bool, units map[string]bool) {
	return access.Visible(access.FromContext(ctx), p, s.tree.Load())
}
