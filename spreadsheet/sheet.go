package spreadsheet

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Limits of the file format; past them Excel refuses or "repairs" the file.
const (
	MaxRows    = 1 << 20 // rows in a worksheet, title and header included
	MaxColumns = 1 << 14 // columns in a worksheet
	// MaxCellText is the longest cell text Excel accepts, in UTF-16 code units; longer
	// texts are cut rather than producing a file that Excel reports as damaged.
	MaxCellText = 32767
	// MaxColumnWidth is the widest column Excel accepts, in characters.
	MaxColumnWidth = 255
)

// Sheet is one table to export: an optional title, a header row and the rows under it.
type Sheet struct {
	// Name is the tab name. It is cleaned to what Excel accepts (at most 31 characters,
	// none of []:*?/\); an empty name becomes "Sheet1".
	Name string
	// Title, if not empty, is written bold above the header, merged across all columns.
	Title   string
	Columns []Column
	// Rows are the lines under the header. A row shorter than Columns is padded with empty
	// bordered cells so the printed grid stays whole; a longer row is an error.
	Rows [][]Cell
}

// Column is one column of the table.
type Column struct {
	Heading string
	// Width is in characters of the default font, as Excel counts them; 0 leaves the
	// application's default width.
	Width float64
	// Align is the horizontal alignment of the body cells of the column.
	Align Align
}

// Align is the horizontal alignment of the cells of a column.
type Align uint8

// The alignments. AlignGeneral is the spreadsheet's own: text to the left, numbers to the
// right.
const (
	AlignGeneral Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Cell is one value of a row. The zero Cell is an empty cell.
type Cell struct {
	Text string
	// Number is written as a numeric cell, which the user can sum and sort numerically,
	// when Numeric is set; Text is then ignored.
	Number  float64
	Numeric bool
}

// Text returns a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Number returns a numeric cell.
func Number(n float64) Cell { return Cell{Number: n, Numeric: true} }

// Int returns a numeric cell holding n.
func Int(n int) Cell { return Cell{Number: float64(n), Numeric: true} }

// Date returns the day of t as text dd/mm/yyyy, as Vietnamese registers write it, or an
// empty cell for the zero time. Text rather than a date serial keeps the shown value the
// same whatever the locale of the application opening the file.
func Date(t time.Time) Cell {
	if t.IsZero() {
		return Cell{}
	}
	return Cell{Text: t.Format("02/01/2006")}
}

// TextRow returns a row of text cells, for callers whose values are all text.
func TextRow(values ...string) []Cell {
	row := make([]Cell, len(values))
	for i, v := range values {
		row[i] = Cell{Text: v}
	}
	return row
}

// ErrNoColumns is returned for a sheet without columns: there would be no header to print.
var ErrNoColumns = errors.New("spreadsheet: sheet has no columns")

// validate rejects what cannot be written, before a byte goes out, so an error never
// leaves a half-written file behind in the caller's writer.
func (s *Sheet) validate() error {
	if len(s.Columns) == 0 {
		return ErrNoColumns
	}
	if len(s.Columns) > MaxColumns {
		return fmt.Errorf("spreadsheet: %d columns, at most %d fit in a sheet", len(s.Columns), MaxColumns)
	}
	if n := s.firstDataRow() - 1 + len(s.Rows); n > MaxRows {
		return fmt.Errorf("spreadsheet: %d rows, at most %d fit in a sheet", n, MaxRows)
	}
	for i, c := range s.Columns {
		if math.IsNaN(c.Width) || c.Width < 0 || c.Width > MaxColumnWidth {
			return fmt.Errorf("spreadsheet: column %d (%q): width %v is not between 0 and %d", i+1, c.Heading, c.Width, MaxColumnWidth)
		}
		if c.Align > AlignRight {
			return fmt.Errorf("spreadsheet: column %d (%q): unknown alignment %d", i+1, c.Heading, c.Align)
		}
	}
	for i, row := range s.Rows {
		if len(row) > len(s.Columns) {
			return fmt.Errorf("spreadsheet: row %d has %d cells for %d columns", i+1, len(row), len(s.Columns))
		}
		for j, c := range row {
			if c.Numeric && (math.IsNaN(c.Number) || math.IsInf(c.Number, 0)) {
				return fmt.Errorf("spreadsheet: row %d, column %d: %v cannot be stored in a cell", i+1, j+1, c.Number)
			}
		}
	}
	return nil
}

// headerRow is the 1-based row number of the header.
func (s *Sheet) headerRow() int {
	if s.Title != "" {
		return 2
	}
	return 1
}

func (s *Sheet) firstDataRow() int { return s.headerRow() + 1 }
