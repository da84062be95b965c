// Package typeset holds the typography of Vietnamese official documents as Decree
// 30/2020/NĐ-CP, Annex I, lays them out: text cleaned so that it is safe in the document XML
// and composed (NFC) so that Word shows one glyph per letter, upper case that is right for
// every Vietnamese letter, numbers and dates written the way the decree wants ("Số: 05",
// "ngày 01 tháng 02 năm 2016", "tháng 6"), the advance widths of Times New Roman in its four
// faces, the splitting of an issuing body's name over the lines of the header column, and
// where a line of a title may break (Phrases: between phrases, never inside a word of the
// domain's list in compounds.txt).
//
// The generator calls it for every piece of text of every document it renders, so it is
// written to be fast: text that is already clean is returned as it is, without allocating,
// and widths come from tables generated once from the font (see metrics_tnr.go and
// internal/metricsgen).
//
// It must not depend on HTTP, SQL or the generator: it is a leaf that the generator,
// directory and spreadsheet build on, importing only the standard library and
// golang.org/x/text/unicode/norm.
package typeset

//go:generate go run ./internal/metricsgen
