package secretariat

import (
	"context"
	"fmt"
	"io"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
)

// ImportDirectory replaces the units, the groups or both with those read from CSV; a nil
// reader keeps what the directory has. Nothing changes unless the whole new tree is valid:
// every parent exists, no cycles, every group member exists. It returns the new directory
// version.
//
// basedOn is the directory version the client built the import on (from the ETag of an
// export, sent back in If-Match); 0 means the version this server holds. If the database
// has moved past it — another server imported meanwhile — the import is refused with a
// Conflict rather than writing the older directory back over the newer one.
//
// Only an actor who may change the directory of the whole organisation may import one.
func (s *Service) ImportDirectory(ctx context.Context, unitsCSV, groupsCSV io.Reader, basedOn int64) (int64, error) {
	var units []directory.Unit
	var groups []directory.Group
	if err := s.require(ctx, access.DirectoryWrite, access.Everywhere); err != nil {
		return 0, err
	}
	var err error
	if unitsCSV != nil {
		if units, err = directory.ReadCSV(unitsCSV); err != nil {
			return 0, err
		}
	}
	if groupsCSV != nil {
		if groups, err = directory.ReadGroupsCSV(groupsCSV); err != nil {
			return 0, err
		}
	}
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	if basedOn != 0 && basedOn != s.version.Load() {
		// The client may know a newer version than this server has loaded yet.
		if err := s.reloadDirectory(ctx); err != nil {
			return 0, err
		}
		if current := s.version.Load(); basedOn != current {
			return 0, directory.StaleVersion(basedOn, current)
		}
	}
	current := s.tree.Load()
	if unitsCSV == nil {
		units = current.Units()
	}
	if groupsCSV == nil {
		groups = current.Groups()
	}
	if _, err := directory.NewTree(units, groups); err != nil {
		return 0, err
	}
	version, err := s.db.ReplaceDirectoryAt(s.audited(ctx, access.ActDirectory), units, groups, s.version.Load())
	if err != nil {
		return 0, err
	}
	return version, s.reloadDirectory(ctx)
}

// UpdateUnit changes the names and printing of one unit (directory.UnitEdit: never its ID,
// kind or parent) and returns the unit as saved with the new directory version. The edit
// is checked by the rules of one line of an import, field by field; the whole directory with
// it must still be valid.
//
// basedOn is the directory version the client showed (If-Match; 0: this server's): as for an
// import, a directory changed meanwhile is refused with a Conflict rather than overwritten.
// The actor needs directory.write over the unit; the audit row is written with the change.
func (s *Service) UpdateUnit(ctx context.Context, id string, edit directory.UnitEdit, basedOn int64) (directory.Unit, int64, error) {
	if err := access.RequireAny(ctx, access.DirectoryWrite); err != nil {
		return directory.Unit{}, 0, err
	}
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	if basedOn != 0 && basedOn != s.version.Load() {
		// The client may know a newer version than this server has loaded yet.
		if err := s.reloadDirectory(ctx); err != nil {
			return directory.Unit{}, 0, err
		}
		if current := s.version.Load(); basedOn != current {
			return directory.Unit{}, 0, directory.StaleEdit(basedOn, current)
		}
	}
	tree := s.tree.Load()
	old, ok := tree.Unit(id)
	if !ok {
		return directory.Unit{}, 0, apperr.New(apperr.NotFound, fmt.Sprintf(msgNoSuchUnit, id))
	}
	if err := access.Require(ctx, access.DirectoryWrite, id, tree); err != nil {
		return directory.Unit{}, 0, err
	}
	u, err := edit.Apply(old)
	if err != nil {
		return directory.Unit{}, 0, err
	}
	units := tree.Units()
	for i := range units {
		if units[i].ID == id {
			units[i] = u
		}
	}
	if _, err := directory.NewTree(units, tree.Groups()); err != nil {
		return directory.Unit{}, 0, err
	}
	audit := access.NewAuditEntry(ctx, s.now(), access.ActUnitUpdate, "unit:"+id, access.ObjectHash(u))
	version, err := s.db.UpdateUnitAt(access.WithAudit(ctx, audit), u, s.version.Load())
	if apperr.CodeOf(err) == apperr.Conflict {
		// Another server changed the directory after this one loaded it: load it, so the
		// page shown again has the unit as it is now.
		basedOn = s.version.Load()
		if err := s.reloadDirectory(ctx); err != nil {
			return directory.Unit{}, 0, err
		}
		return directory.Unit{}, 0, directory.StaleEdit(basedOn, s.version.Load())
	}
	if err != nil {
		return directory.Unit{}, 0, err
	}
	return u, version, s.reloadDirectory(ctx)
}

// VersionedDirectory returns the directory in memory with its version, read together; the
// caller checks the actor (it serves the version headers of an authorised export).
func (s *Service) VersionedDirectory() (*directory.Tree, int64) {
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	return s.tree.Load(), s.version.Load()
}

// ExportUnits writes the units as CSV and returns the directory version they are of.
func (s *Service) ExportUnits(ctx context.Context, w io.Writer) (int64, error) {
	if err := access.RequireAny(ctx, access.DirectoryRead); err != nil {
		return 0, err
	}
	tree, version := s.VersionedDirectory()
	return version, directory.WriteCSV(w, tree.Units())
}

// ExportGroups writes the groups as CSV and returns the directory version they are of.
func (s *Service) ExportGroups(ctx context.Context, w io.Writer) (int64, error) {
	if err := access.RequireAny(ctx, access.DirectoryRead); err != nil {
		return 0, err
	}
	tree, version := s.VersionedDirectory()
	return version, directory.WriteGroupsCSV(w, tree.Groups())
}

// LoadDemo fills an empty database with the units and groups of tree and reports whether
// it did: a database that already has units is left alone. It is the command line's, at
// start-up, and needs no actor.
func (s *Service) LoadDemo(ctx context.Context, tree *directory.Tree) (bool, error) {
	n, err := s.db.UnitCount(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	if _, err := s.db.ReplaceDirectoryAt(ctx, tree.Units(), tree.Groups(), s.version.Load()); err != nil {
		if apperr.CodeOf(err) == apperr.Conflict {
			// Another server loaded it first (both found the database empty).
			return false, s.reloadDirectory(ctx)
		}
		return false, err
	}
	return true, s.reloadDirectory(ctx)
}
