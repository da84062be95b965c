// Package spreadsheet writes a single-sheet XLSX workbook (Office Open XML SpreadsheetML)
// that Excel and LibreOffice Calc open without repairs: a printable table with a bold,
// bordered header that is frozen on screen and repeated on every printed page, A4 landscape
// fitted to the page width, in Times New Roman 12 as administrative documents are.
//
// It exists so the registers (sổ đăng ký văn bản đi) can be handed to a văn thư as a file
// she can sort, filter and print, without pulling a spreadsheet library into the binary for
// the one layout we need.
//
// It depends on the standard library and on typeset (to measure text for row heights with
// the same Times New Roman metrics as the documents), and knows nothing of documents,
// registers, HTTP or storage: callers turn their rows into [Sheet] and give an [io.Writer].
package spreadsheet
