// Package generator writes administrative documents as .docx, laid out as Decree
// 30/2020/NĐ-CP, Annex I requires, for the kinds of Annex III the forms need: công văn,
// quyết định (direct, and issuing an attached text), tờ trình, báo cáo, kế hoạch, thông báo,
// biên bản (with its parts: participants, two signing sides, inspection minutes), giấy mời,
// and the Giấy khen / Giấy công nhận certificates; annexes numbered page by page on their
// own; tables sized from their content, in annexes or in the body; the optional marks of
// Annex I (secrecy, urgency, circulation, drafter, address). RenderBatch puts many
// documents, each with its own page setup, in one file. Document.Check refuses what a kind
// would not print, so nothing given is dropped silently. DrawSignatures and
// StampAttachment give a written document the visible marks of its electronic signature
// (Annex I, II.7.d and II.8) in a copy, leaving the issued file as it was.
//
// It takes domain data (a Document) and writes to an io.Writer: it must not depend on HTTP,
// SQL, forms or routing. Every size, margin and spacing lives in Layout; typography
// (NFC, upper case, dates, text widths) in the typeset sub-package; the .docx container in
// the ooxml sub-package, which uses the standard library only.
package generator
