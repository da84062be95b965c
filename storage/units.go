package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/directory"
)

// msgNoSuchUnit answers a change of a unit the directory does not have.
const msgNoSuchUnit = "Danh mục không có đơn vị này."

// ReplaceDirectory replaces the whole directory whatever its version: ReplaceDirectoryAt
// with the version the database holds.
func (db *DB) ReplaceDirectory(ctx context.Context, units []directory.Unit, groups []directory.Group) error {
	_, err := db.ReplaceDirectoryAt(ctx, units, groups, 0)
	return err
}

// ReplaceDirectoryAt replaces the whole directory — units and groups — with the given one in
// one transaction, as a CSV import or the demo data does: readers see the old directory or
// the new one, never a mix. Units may come in any order; they are inserted parents first
// and read back in the order given. A unit still named as the issuer of a document must
// remain in the new directory, or nothing changes and a Conflict is returned.
//
// basedOn is the directory version the new directory was built from: if the database's
// version is another (another server changed the directory since), nothing changes and a
// Conflict is returned; 0 takes whatever version the database holds. The version is raised
// by one in the same transaction and returned.
func (db *DB) ReplaceDirectoryAt(ctx context.Context, units []directory.Unit, groups []directory.Group, basedOn int64) (int64, error) {
	ordered, err := parentsFirst(units)
	if err != nil {
		return 0, err
	}
	if err := checkGroups(units, groups); err != nil {
		return 0, err
	}
	var version int64
	err = db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		var err error
		if version, err = db.bumpDirectoryVersion(ctx, tx, basedOn); err != nil {
			return err
		}
		for _, stmt := range []*sqlx.Stmt{db.q.DeleteGroupMembers, db.q.DeleteGroups, db.q.DeleteUnits} {
			if _, err := tx.StmtxContext(ctx, stmt).ExecContext(ctx); err != nil {
				return err
			}
		}
		insertUnit := tx.StmtxContext(ctx, db.q.InsertUnit)
		for _, i := range ordered {
			u := units[i]
			if _, err := insertUnit.ExecContext(ctx, u.ID, nullString(u.ParentID), string(u.Kind), u.Name,
				u.ShortName, u.Label, u.HeadTitle, u.Place, i); err != nil {
				return fmt.Errorf("insert unit %q: %w", u.ID, err)
			}
		}
		insertGroup := tx.StmtxContext(ctx, db.q.InsertGroup)
		insertMember := tx.StmtxContext(ctx, db.q.InsertGroupMember)
		for i, g := range groups {
			if _, err := insertGroup.ExecContext(ctx, g.ID, g.Name, i); err != nil {
				return fmt.Errorf("insert group %q: %w", g.ID, err)
			}
			for j, m := range g.Members {
				if _, err := insertMember.ExecContext(ctx, g.ID, m, j); err != nil {
					return fmt.Errorf("insert member %q of group %q: %w", m, g.ID, err)
				}
			}
		}
		return db.auditChange(ctx, tx, "directory", access.ObjectHash(struct {
			Units  []directory.Unit  `json:"units"`
			Groups []directory.Group `json:"groups"`
		}{units, groups}))
	})
	if isForeignKeyViolation(err) {
		return 0, apperr.Wrap(apperr.Conflict,
			"Danh mục mới thiếu đơn vị đã ban hành hoặc đang soạn văn bản; hãy giữ lại các đơn vị đó.", err)
	}
	if err != nil {
		return 0, internal("replace directory", err)
	}
	return version, nil
}

// bumpDirectoryVersion raises the directory version inside tx if it is still basedOn (0:
// whatever it is) and returns the new one; a Conflict (directory.StaleVersion) otherwise. It
// runs first in a change of the directory: on PostgreSQL its row lock queues concurrent
// changes before they do any work.
func (db *DB) bumpDirectoryVersion(ctx context.Context, tx *sqlx.Tx, basedOn int64) (int64, error) {
	var current int64
	if err := tx.StmtxContext(ctx, db.q.GetDirectoryVersion).GetContext(ctx, &current); err != nil {
		return 0, err
	}
	expect := basedOn
	if expect == 0 {
		expect = current
	}
	res, err := tx.StmtxContext(ctx, db.q.BumpDirectoryVersion).ExecContext(ctx, expect)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n == 0 {
		if err := tx.StmtxContext(ctx, db.q.GetDirectoryVersion).GetContext(ctx, &current); err != nil {
			return 0, err
		}
		return 0, directory.StaleVersion(expect, current)
	}
	return expect + 1, nil
}

// UpdateUnitAt changes one unit's names and printing (directory.UnitEdit: name, short name,
// label, head's title, place; never its ID, kind or parent) if the directory is still at
// version basedOn (0: any), raising the version and writing the audit row the service put
// in ctx in the same transaction. It returns the new version; NotFound for an unknown unit.
func (db *DB) UpdateUnitAt(ctx context.Context, u directory.Unit, basedOn int64) (int64, error) {
	var version int64
	err := db.write(ctx, func(ctx context.Context, tx *sqlx.Tx) error {
		var err error
		if version, err = db.bumpDirectoryVersion(ctx, tx, basedOn); err != nil {
			return err
		}
		res, err := tx.StmtxContext(ctx, db.q.UpdateUnit).ExecContext(ctx, u.Name, u.ShortName, u.Label, u.HeadTitle, u.Place, u.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return apperr.New(apperr.NotFound, msgNoSuchUnit)
		}
		return db.auditChange(ctx, tx, "unit:"+u.ID, access.ObjectHash(u))
	})
	if err != nil {
		return 0, internal("update unit", err)
	}
	return version, nil
}

// DirectoryVersion returns the version of the directory in the database: a cheap read of
// one row, which servers poll to notice a change made by another.
func (db *DB) DirectoryVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := db.get(ctx, db.q.GetDirectoryVersion, &v); err != nil {
		return 0, internal("directory version", err)
	}
	return v, nil
}

// parentsFirst checks the units form a tree and returns their indexes, each parent before
// its children, otherwise in the order given.
func parentsFirst(units []directory.Unit) ([]int, error) {
	index := make(map[string]int, len(units))
	for i, u := range units {
		if u.ID == "" {
			return nil, apperr.New(apperr.Invalid, fmt.Sprintf("Đơn vị thứ %d chưa có mã.", i+1))
		}
		if u.Name == "" {
			return nil, apperr.New(apperr.Invalid, fmt.Sprintf("Đơn vị %q chưa có tên.", u.ID))
		}
		if _, dup := index[u.ID]; dup {
			return nil, apperr.New(apperr.Invalid, fmt.Sprintf("Mã đơn vị %q bị trùng.", u.ID))
		}
		index[u.ID] = i
	}
	for _, u := range units {
		if _, ok := index[u.ParentID]; u.ParentID != "" && !ok {
			return nil, apperr.New(apperr.Invalid,
				fmt.Sprintf("Đơn vị %q có đơn vị cấp trên %q không có trong danh mục.", u.ID, u.ParentID))
		}
	}
	// placed[i]: 0 not yet, 1 on the current path, 2 placed.
	placed := make([]byte, len(units))
	order := make([]int, 0, len(units))
	var place func(i int) error
	place = func(i int) error {
		switch placed[i] {
		case 2:
			return nil
		case 1:
			return apperr.New(apperr.Invalid, fmt.Sprintf("Đơn vị %q nằm trong một vòng cấp trên – cấp dưới.", units[i].ID))
		}
		placed[i] = 1
		if p := units[i].ParentID; p != "" {
			if err := place(index[p]); err != nil {
				return err
			}
		}
		placed[i] = 2
		order = append(order, i)
		return nil
	}
	for i := range units {
		if err := place(i); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// checkGroups checks group ids are given and unique and members are known units, listed
// once.
func checkGroups(units []directory.Unit, groups []directory.Group) error {
	known := make(map[string]bool, len(units))
	for _, u := range units {
		known[u.ID] = true
	}
	seen := map[string]bool{}
	for i, g := range groups {
		if g.ID == "" {
			return apperr.New(apperr.Invalid, fmt.Sprintf("Nhóm thứ %d chưa có mã.", i+1))
		}
		if seen[g.ID] {
			return apperr.New(apperr.Invalid, fmt.Sprintf("Mã nhóm %q bị trùng.", g.ID))
		}
		seen[g.ID] = true
		members := map[string]bool{}
		for _, m := range g.Members {
			if !known[m] {
				return apperr.New(apperr.Invalid, fmt.Sprintf("Nhóm %q có đơn vị %q không có trong danh mục.", g.ID, m))
			}
			if members[m] {
				return apperr.New(apperr.Invalid, fmt.Sprintf("Nhóm %q có đơn vị %q hai lần.", g.ID, m))
			}
			members[m] = true
		}
	}
	return nil
}

// Units returns every unit in the order the directory was given.
func (db *DB) Units(ctx context.Context) ([]directory.Unit, error) {
	units := []directory.Unit{}
	if err := db.sel(ctx, db.q.ListUnits, &units); err != nil {
		return nil, internal("list units", err)
	}
	return units, nil
}

// UnitCount returns how many units the directory holds; 0 means it was never loaded.
func (db *DB) UnitCount(ctx context.Context) (int, error) {
	var n int
	if err := db.get(ctx, db.q.CountUnits, &n); err != nil {
		return 0, internal("count units", err)
	}
	return n, nil
}

// Groups returns every group in the order given, each with its members in printing order.
func (db *DB) Groups(ctx context.Context) ([]directory.Group, error) {
	var rows []struct {
		GroupID   string `db:"group_id"`
		GroupName string `db:"group_name"`
		UnitID    string `db:"unit_id"`
	}
	if err := db.sel(ctx, db.q.ListGroupMembers, &rows); err != nil {
		return nil, internal("list groups", err)
	}
	groups := []directory.Group{}
	for _, r := range rows {
		if len(groups) == 0 || groups[len(groups)-1].ID != r.GroupID {
			groups = append(groups, directory.Group{ID: r.GroupID, Name: r.GroupName, Members: []string{}})
		}
		if r.UnitID != "" {
			g := &groups[len(groups)-1]
			g.Members = append(g.Members, r.UnitID)
		}
	}
	return groups, nil
}
