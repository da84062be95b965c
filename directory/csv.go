package directory

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"vanthu/apperr"
	"vanthu/safecsv"
)

// bom is the UTF-8 byte order mark (see safecsv.BOM): files are written with it and read
// with or without it.
const bom = safecsv.BOM

// UnitColumns is the header row of the units CSV, in the order WriteCSV writes it.
var UnitColumns = []string{"id", "parent_id", "kind", "name", "short_name", "label", "head_title", "place"}

// GroupColumns is the header row of the groups CSV; members are unit IDs separated by ";".
var GroupColumns = []string{"id", "name", "members"}

// ReadCSV reads units from a CSV file with the header row UnitColumns (any order; id, kind
// and name required, the others optional). It accepts a BOM, a ";" separator (Excel in some
// locales), NFD text (normalised to NFC) and blank lines. Problems are reported together in
// one Vietnamese error with line numbers ("dòng 5: thiếu tên đơn vị (name)"). Cycles are
// left to NewTree.
func ReadCSV(r io.Reader) ([]Unit, error) {
	rows, err := readTable(r, UnitColumns, []string{"id", "kind", "name"})
	if err != nil {
		return nil, err
	}
	var p problems
	units := make([]Unit, 0, len(rows))
	lineOf := map[string]int{}
	for _, row := range rows {
		u := normalizeUnit(Unit{
			ID:        row.get("id"),
			ParentID:  row.get("parent_id"),
			Kind:      Kind(strings.ToLower(row.get("kind"))),
			Name:      row.get("name"),
			ShortName: row.get("short_name"),
			Label:     row.get("label"),
			HeadTitle: row.get("head_title"),
			Place:     row.get("place"),
		})
		for _, fp := range unitProblems(u) {
			p.addf("dòng %d: %s", row.line, fp.msg)
		}
		if msg := shortNameProblem(u); msg != "" {
			p.addf("dòng %d: %s", row.line, msg)
		}
		if u.ID != "" {
			if lineOf[u.ID] != 0 {
				p.addf("dòng %d: mã đơn vị %q trùng với dòng %d", row.line, u.ID, lineOf[u.ID])
			} else {
				lineOf[u.ID] = row.line
			}
		}
		units = append(units, u)
	}
	for i, u := range units {
		if u.ParentID != "" && lineOf[u.ParentID] == 0 {
			p.addf("dòng %d: đơn vị cha (parent_id) %q không có trong tệp", rows[i].line, u.ParentID)
		}
	}
	if err := p.err(apperr.Invalid); err != nil {
		return nil, err
	}
	return units, nil
}

// WriteCSV writes units with a BOM and the header row UnitColumns.
func WriteCSV(w io.Writer, units []Unit) error {
	records := make([][]string, len(units))
	for i, u := range units {
		records[i] = []string{u.ID, u.ParentID, string(u.Kind), u.Name, u.ShortName, u.Label, u.HeadTitle, u.Place}
	}
	return writeTable(w, UnitColumns, records)
}

// ReadGroupsCSV reads groups from a CSV file with the header row GroupColumns; members
// are unit IDs separated by ";". That members exist is checked by NewTree, which has the
// units.
func ReadGroupsCSV(r io.Reader) ([]Group, error) {
	rows, err := readTable(r, GroupColumns, GroupColumns)
	if err != nil {
		return nil, err
	}
	var p problems
	groups := make([]Group, 0, len(rows))
	lineOf := map[string]int{}
	for _, row := range rows {
		g := normalizeGroup(Group{ID: row.get("id"), Name: row.get("name"), Members: strings.Split(row.get("members"), ";")})
		for _, msg := range groupProblems(g) {
			p.addf("dòng %d: %s", row.line, msg)
		}
		if g.ID != "" {
			if lineOf[g.ID] != 0 {
				p.addf("dòng %d: mã nhóm %q trùng với dòng %d", row.line, g.ID, lineOf[g.ID])
			} else {
				lineOf[g.ID] = row.line
			}
		}
		groups = append(groups, g)
	}
	if err := p.err(apperr.Invalid); err != nil {
		return nil, err
	}
	return groups, nil
}

// WriteGroupsCSV writes groups with a BOM and the header row GroupColumns.
func WriteGroupsCSV(w io.Writer, groups []Group) error {
	records := make([][]string, len(groups))
	for i, g := range groups {
		records[i] = []string{g.ID, g.Name, strings.Join(g.Members, ";")}
	}
	return writeTable(w, GroupColumns, records)
}

// The file names LoadTree reads.
const (
	UnitsFile  = "units.csv"
	GroupsFile = "groups.csv"
)

// LoadTree reads UnitsFile and, when present, GroupsFile from the root of fsys (the
// embedded templates/directory or an override folder) and builds the tree.
func LoadTree(fsys fs.FS) (*Tree, error) {
	f, err := fsys.Open(UnitsFile)
	if err != nil {
		return nil, apperr.Wrap(apperr.Internal, "không mở được tệp danh bạ đơn vị "+UnitsFile, err)
	}
	units, err := ReadCSV(f)
	f.Close()
	if err != nil {
		return nil, prefixMessage(UnitsFile, err)
	}
	var groups []Group
	switch f, err := fsys.Open(GroupsFile); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, apperr.Wrap(apperr.Internal, "không mở được tệp nhóm "+GroupsFile, err)
	default:
		groups, err = ReadGroupsCSV(f)
		f.Close()
		if err != nil {
			return nil, prefixMessage(GroupsFile, err)
		}
	}
	return NewTree(units, groups)
}

func prefixMessage(file string, err error) error {
	e := *apperr.As(err)
	e.Message = file + ": " + e.Message
	return &e
}

// row is one data record of a table, with its line number in the file.
type row struct {
	line   int
	column map[string]int
	fields []string
}

func (r row) get(name string) string {
	if i, ok := r.column[name]; ok && i < len(r.fields) {
		return r.fields[i]
	}
	return ""
}

// readTable reads a CSV table whose header names columns among known, with required
// present.
func readTable(r io.Reader, known, required []string) ([]row, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(bom)); err == nil && string(b) == bom {
		br.Discard(len(bom))
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffSeparator(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, apperr.New(apperr.BadInput, "tệp trống, cần dòng tiêu đề: "+strings.Join(known, ","))
	}
	if err != nil {
		return nil, csvError(err)
	}
	column := map[string]int{}
	var p problems
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := column[h]; dup {
			p.addf("dòng 1: cột %q ghi hai lần", h)
			continue
		}
		if !slices.Contains(known, h) {
			p.addf("dòng 1: cột %q không hợp lệ; các cột: %s", h, strings.Join(known, ","))
		}
		column[h] = i
	}
	for _, c := range required {
		if _, ok := column[c]; !ok {
			p.addf("dòng 1: thiếu cột %q", c)
		}
	}
	if err := p.err(apperr.BadInput); err != nil {
		return nil, err
	}
	var rows []row
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(fields) > len(header) {
			return nil, apperr.New(apperr.BadInput, fmt.Sprintf("dòng %d: có %d cột, nhiều hơn dòng tiêu đề (%d cột)", line, len(fields), len(header)))
		}
		if blank(fields) {
			continue
		}
		for i, f := range fields {
			fields[i] = safecsv.Restore(f)
		}
		rows = append(rows, row{line: line, column: column, fields: fields})
	}
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// sniffSeparator returns ';' when the header line has semicolons and no commas, as Excel
// writes in locales whose list separator is ';'.
func sniffSeparator(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	if bytes.IndexByte(head, ',') < 0 && bytes.IndexByte(head, ';') >= 0 {
		return ';'
	}
	return ','
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			msg = "dấu ngoặc kép (\") đặt sai chỗ"
		}
		return apperr.Wrap(apperr.BadInput, fmt.Sprintf("dòng %d: tệp CSV không đọc được: %s", pe.StartLine, msg), err)
	}
	return apperr.Wrap(apperr.BadInput, "không đọc được tệp CSV", err)
}

// writeTable writes a table through safecsv, so that no cell reads as a formula in a
// spreadsheet; readTable undoes the escaping, so an exported file imports unchanged.
func writeTable(w io.Writer, header []string, records [][]string) error {
	cw := safecsv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range records {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	return cw.Flush()
}
