package secretariat

import (
	"context"
	"io"

	"vanthu/access"
	"vanthu/directory"
)

// ImportDirectory replaces the units, the groups or both with those read from CSV; a nil
// reader keeps what the directory has. Nothing changes unless the whole new tree is valid:
// every parent exists, no cycles, every group member exists.
//
// Only an actor who may change the directory of the whole organisation may import one.
func (s *Service) ImportDirectory(ctx context.Context, unitsCSV, groupsCSV io.Reader) error {
	if err := s.require(ctx, access.DirectoryWrite, access.Everywhere); err != nil {
		return err
	}
	current := s.tree.Load()
	units, groups := current.Units(), current.Groups()
	var err error
	if unitsCSV != nil {
		if units, err = directory.ReadCSV(unitsCSV); err != nil {
			return err
		}
	}
	if groupsCSV != nil {
		if groups, err = directory.ReadGroupsCSV(groupsCSV); err != nil {
			return err
		}
	}
	if _, err := directory.NewTree(units, groups); err != nil {
		return err
	}
	if err := s.db.ReplaceDirectory(s.audited(ctx, access.ActDirectory), units, groups); err != nil {
		return err
	}
	return s.ReloadDirectory(ctx)
}

// ExportUnits writes the units as CSV.
func (s *Service) ExportUnits(ctx context.Context, w io.Writer) error {
	if err := access.RequireAny(ctx, access.DirectoryRead); err != nil {
		return err
	}
	return directory.WriteCSV(w, s.tree.Load().Units())
}

// ExportGroups writes the groups as CSV.
func (s *Service) ExportGroups(ctx context.Context, w io.Writer) error {
	if err := access.RequireAny(ctx, access.DirectoryRead); err != nil {
		return err
	}
	return directory.WriteGroupsCSV(w, s.tree.Load().Groups())
}

// LoadDemo fills an empty database with the units and groups of tree and reports whether
// it did: a database that already has units is left alone. It is the command line's, at
// start-up, and needs no actor.
func (s *Service) LoadDemo(ctx context.Context, tree *directory.Tree) (bool, error) {
	n, err := s.db.UnitCount(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	if err := s.db.ReplaceDirectory(ctx, tree.Units(), tree.Groups()); err != nil {
		return false, err
	}
	return true, s.ReloadDirectory(ctx)
}
