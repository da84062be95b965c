package spreadsheet

import (
	"archive/zip"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// Write writes s to w as an XLSX workbook of one worksheet.
//
// The sheet is checked before anything is written, so on a validation error w is untouched;
// an error from w itself can leave a partial file there.
//
// The output depends on s alone (no timestamps), so the same sheet gives the same bytes.
func Write(w io.Writer, s Sheet) error {
	s.Name = sheetName(s.Name)
	s.Title = cleanText(s.Title, MaxCellText)
	if err := s.validate(); err != nil {
		return err
	}
	z := zip.NewWriter(w)
	parts := []struct {
		name  string
		write func(*xmlWriter)
	}{
		{"[Content_Types].xml", writeContentTypes},
		{"_rels/.rels", writeRootRels},
		{"docProps/core.xml", s.writeCore},
		{"docProps/app.xml", writeApp},
		{"xl/workbook.xml", s.writeWorkbook},
		{"xl/_rels/workbook.xml.rels", writeWorkbookRels},
		{"xl/styles.xml", writeStyles},
		{"xl/worksheets/sheet1.xml", s.writeWorksheet},
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return fmt.Errorf("spreadsheet: %s: %w", p.name, err)
		}
		x := &xmlWriter{w: f, buf: make([]byte, 0, flushAt+4096)}
		x.str(xmlHeader)
		p.write(x)
		if err := x.flush(); err != nil {
			return fmt.Errorf("spreadsheet: %s: %w", p.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("spreadsheet: %w", err)
	}
	return nil
}

// zipTime is the fixed modification time of every part, for reproducible output.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// flushAt is how much XML is gathered before it goes to the compressor.
const flushAt = 32 << 10

// xmlWriter gathers XML in a byte slice and hands it on in large pieces; the first error of
// the underlying writer is kept and returned by flush.
type xmlWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func (x *xmlWriter) str(s string) {
	x.buf = append(x.buf, s...)
	x.maybeFlush()
}

// text appends cleaned text, escaped for element content.
func (x *xmlWriter) text(s string) {
	x.buf = appendEscaped(x.buf, s, false)
	x.maybeFlush()
}

// attr appends cleaned text, escaped for a double-quoted attribute value.
func (x *xmlWriter) attr(s string) {
	x.buf = appendEscaped(x.buf, s, true)
	x.maybeFlush()
}

func (x *xmlWriter) int(n int) { x.buf = strconv.AppendInt(x.buf, int64(n), 10) }

// float writes whole numbers without an exponent (1000000, not 1e+06), which is how other
// tools reading the XML expect to find counts and years.
func (x *xmlWriter) float(f float64) {
	format := byte('g')
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		format = 'f'
	}
	x.buf = strconv.AppendFloat(x.buf, f, format, -1, 64)
}

func (x *xmlWriter) cellRef(col, row int) { x.buf = appendCellRef(x.buf, col, row) }

func (x *xmlWriter) maybeFlush() {
	if len(x.buf) >= flushAt {
		x.flush()
	}
}

func (x *xmlWriter) flush() error {
	if x.err == nil && len(x.buf) > 0 {
		_, x.err = x.w.Write(x.buf)
	}
	x.buf = x.buf[:0]
	return x.err
}

// Namespaces and relationship types of the parts.
const (
	nsMain          = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPackageRels   = "http://schemas.openxmlformats.org/package/2006/relationships"
	relOfficeDoc    = nsRelationships + "/officeDocument"
	relCore         = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relApp          = nsRelationships + "/extended-properties"
	relWorksheet    = nsRelationships + "/worksheet"
	relStyles       = nsRelationships + "/styles"
)

func writeContentTypes(x *xmlWriter) {
	x.str(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`)
}

func writeRootRels(x *xmlWriter) {
	x.str(`<Relationships xmlns="` + nsPackageRels + `">` +
		`<Relationship Id="rId1" Type="` + relOfficeDoc + `" Target="xl/workbook.xml"/>` +
		`<Relationship Id="rId2" Type="` + relCore + `" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="` + relApp + `" Target="docProps/app.xml"/>` +
		`</Relationships>`)
}

func writeWorkbookRels(x *xmlWriter) {
	x.str(`<Relationships xmlns="` + nsPackageRels + `">` +
		`<Relationship Id="rId1" Type="` + relWorksheet + `" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + relStyles + `" Target="styles.xml"/>` +
		`</Relationships>`)
}

// writeCore gives the file its title, shown by file managers and the application's
// document properties.
func (s *Sheet) writeCore(x *xmlWriter) {
	x.str(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	title := s.Title
	if title == "" {
		title = s.Name
	}
	x.str(`<dc:title>`)
	x.text(title)
	x.str(`</dc:title></cp:coreProperties>`)
}

func writeApp(x *xmlWriter) {
	x.str(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
		`<Application>vanthu</Application></Properties>`)
}

// writeWorkbook declares the one sheet and its print titles: the header row repeated at the
// top of each printed page, so a page taken out of the binder still says what its columns are.
func (s *Sheet) writeWorkbook(x *xmlWriter) {
	x.str(`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRelationships + `">` +
		`<bookViews><workbookView/></bookViews><sheets><sheet name="`)
	x.attr(s.Name)
	x.str(`" sheetId="1" r:id="rId1"/></sheets>` +
		`<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">`)
	x.text(quoteSheetName(s.Name))
	x.str(`!$`)
	x.int(s.headerRow())
	x.str(`:$`)
	x.int(s.headerRow())
	x.str(`</definedName></definedNames></workbook>`)
}

// Indexes into cellXfs of styles.xml.
const (
	styleDefault = iota
	styleHeader
	styleTitle
	styleBody // + Align: general, left, center, right
)

// writeStyles: Times New Roman 12 throughout (the font of administrative documents, Decree
// 30), thin borders on every header and body cell, text wrapped and set to the top of the
// cell so a long trích yếu grows its row instead of spilling over its neighbours.
func writeStyles(x *xmlWriter) {
	const font = `<sz val="12"/><name val="Times New Roman"/><family val="1"/>`
	const border = `<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>` +
		`<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>`
	x.str(`<styleSheet xmlns="` + nsMain + `">` +
		`<fonts count="3">` +
		`<font>` + font + `</font>` +
		`<font><b/>` + font + `</font>` +
		`<font><b/><sz val="14"/><name val="Times New Roman"/><family val="1"/></font>` +
		`</fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` + border + `</borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
		`<cellXfs count="7">` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
		`<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">` +
		`<alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
		`<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">` +
		`<alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">` +
		`<alignment vertical="top" wrapText="1"/></xf>` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">` +
		`<alignment horizontal="left" vertical="top" wrapText="1"/></xf>` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">` +
		`<alignment horizontal="center" vertical="top" wrapText="1"/></xf>` +
		`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">` +
		`<alignment horizontal="right" vertical="top" wrapText="1"/></xf>` +
		`</cellXfs>` +
		`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
		`<dxfs count="0"/><tableStyles count="0"/>` +
		`</styleSheet>`)
}

// writeWorksheet writes the cells and the sheet's view and print settings, in the element
// order the schema requires (Excel rejects the file otherwise).
func (s *Sheet) writeWorksheet(x *xmlWriter) {
	lastCol := len(s.Columns) - 1
	header := s.headerRow()
	lastRow := header + len(s.Rows)

	x.str(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRelationships + `">` +
		`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:`)
	x.cellRef(lastCol, lastRow)
	// The pane freezes everything above the first data row, header and title alike.
	x.str(`"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="`)
	x.int(header)
	x.str(`" topLeftCell="A`)
	x.int(header + 1)
	x.str(`" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A`)
	x.int(header + 1)
	x.str(`" sqref="A`)
	x.int(header + 1)
	x.str(`"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15.75"/>`)

	x.str(`<cols>`)
	for i, c := range s.Columns {
		x.str(`<col min="`)
		x.int(i + 1)
		x.str(`" max="`)
		x.int(i + 1)
		if c.Width > 0 {
			x.str(`" width="`)
			x.float(c.Width)
			x.str(`" customWidth="1"/>`)
		} else {
			x.str(`" width="10"/>`)
		}
	}
	x.str(`</cols><sheetData>`)

	widths := s.columnWidthsPt()
	if s.Title != "" {
		total := 0.0
		for _, w := range widths {
			total += w + cellPadding
		}
		x.row(1, rowHeight([]string{s.Title}, []float64{total - cellPadding}, titleSize, true))
		x.cell(0, 1, styleTitle, Cell{Text: s.Title})
		for col := 1; col <= lastCol; col++ {
			x.cell(col, 1, styleTitle, Cell{})
		}
		x.str(`</row>`)
	}
	// texts holds a row's cleaned texts, to estimate its height before writing it.
	texts := make([]string, len(s.Columns))
	for col, c := range s.Columns {
		texts[col] = cleanText(c.Heading, MaxCellText)
	}
	x.row(header, rowHeight(texts, widths, bodySize, true))
	for col, t := range texts {
		x.cell(col, header, styleHeader, Cell{Text: t})
	}
	x.str(`</row>`)
	for i, row := range s.Rows {
		r := header + 1 + i
		for col := range texts {
			texts[col] = ""
			if col < len(row) && !row[col].Numeric {
				texts[col] = cleanText(row[col].Text, MaxCellText)
			}
		}
		x.row(r, rowHeight(texts, widths, bodySize, false))
		for col, c := range s.Columns {
			v := Cell{Text: texts[col]}
			if col < len(row) && row[col].Numeric {
				v = row[col]
			}
			x.cell(col, r, styleBody+int(c.Align), v)
		}
		x.str(`</row>`)
	}
	x.str(`</sheetData>`)

	if s.Title != "" && lastCol > 0 {
		x.str(`<mergeCells count="1"><mergeCell ref="A1:`)
		x.cellRef(lastCol, 1)
		x.str(`"/></mergeCells>`)
	}
	x.str(`<printOptions horizontalCentered="1"/>` +
		`<pageMargins left="0.5" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>` +
		// paperSize 9 is A4; fitToHeight 0 lets the rows run over as many pages as needed.
		`<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
		`<headerFooter><oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter></headerFooter>` +
		`</worksheet>`)
}

// row opens row r, with its height in points unless it is 0. The height is not marked
// custom: it is an estimate for applications that do not fit rows to their text on opening
// (see rowHeight), and Excel may fit it again.
func (x *xmlWriter) row(r int, height float64) {
	x.str(`<row r="`)
	x.int(r)
	if height > 0 {
		x.str(`" ht="`)
		x.float(height)
	}
	x.str(`">`)
}

// cell writes one cell; its text must have been through cleanText. An empty text cell is
// still written so it carries its borders.
func (x *xmlWriter) cell(col, row, style int, c Cell) {
	x.str(`<c r="`)
	x.cellRef(col, row)
	x.str(`" s="`)
	x.int(style)
	switch {
	case c.Numeric:
		x.str(`"><v>`)
		x.float(c.Number)
		x.str(`</v></c>`)
	case c.Text == "":
		x.str(`"/>`)
	default:
		x.str(`" t="inlineStr"><is><t xml:space="preserve">`)
		x.text(c.Text)
		x.str(`</t></is></c>`)
	}
}
