// Package register holds the documents of the secretariat and the lines of the outgoing
// register (sổ đăng ký văn bản đi, Decree 30/2020/NĐ-CP, Annex IV), with the rules of the
// register: how a Số, ký hiệu reads ("05/UBND-NC"), how a line is completed from its
// document (title, Nơi nhận without the "Như …" items, archive unit, copies), and the
// filters and page limits of lists of documents and lines. The storage package numbers and
// keeps documents and calls these rules; the secretariat fills them; the HTTP layer reads
// the filters from here, not from storage.
//
// It must not depend on HTTP, SQL or the document generator: it imports directory (the
// Recipients type and its "Như trên" test), typeset (two-digit numbers) and templates (the
// strict reading of the dating file) only.
package register
