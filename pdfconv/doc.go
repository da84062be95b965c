// Package pdfconv turns .docx files into PDF with LibreOffice, run headless as separate
// processes. It bounds how many converters run at once, gives each its own profile folder
// (two LibreOffice processes sharing a profile block each other), kills a conversion that
// hangs and retries it once, starts a converter afresh after a crash, and converts a batch
// in one start because starting LibreOffice costs far more than converting a page.
//
// It knows nothing of documents, databases or HTTP and imports nothing from the module; it
// needs the soffice binary at run time and reports ErrUnavailable when there is none.
package pdfconv
