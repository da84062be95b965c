// Package workbook writes a round's progress to target (inspection.Progress) as an XLSX
// workbook with a native Excel chart: the figures a steering committee puts in its
// report, and the chart it shows, in a file it can keep working on.
//
// It uses github.com/xuri/excelize/v2, a maintained writer that draws native charts (the
// hand-written spreadsheet package writes cells only). It depends on inspection and
// excelize, never on HTTP or a database.
package workbook
