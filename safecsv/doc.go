// Package safecsv writes the CSV files the service hands out so that a spreadsheet opening
// them never runs a cell as a formula ("CSV injection": a cell typed as =HYPERLINK(…),
// +cmd|…, -2+3 or @SUM(…) is a formula to Excel and LibreOffice Calc), and reads back what
// it wrote unchanged. Every CSV writer of the application goes through it: the register,
// the units and groups of the directory, and any export added later.
//
// It depends on the standard library only.
package safecsv
