// Package publish makes the PDF of documents: the archival PDF/A of an issued document and
// the plain PDF of a draft or a preview, through a pdfconv pool, kept in a cache on disk
// keyed by the SHA-256 of the .docx and the variant, so a document is converted once in
// its life however often it is downloaded and whatever restarts in between.
//
// It is a service beside secretariat, which it calls for the .docx; it imports neither gin
// nor a database driver, and never runs soffice itself (pdfconv does).
package publish
