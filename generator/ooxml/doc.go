// Package ooxml writes WordprocessingML (.docx) packages: the zip container, the fixed parts
// (content types, relationships, styles, settings, font table, page-number headers) and the
// body XML, element by element in ECMA-376 schema order.
//
// It is a small writer of our own because the Go .docx libraries that can be had are either
// under a paid or AGPL licence or lose what a Decree 30 document needs (line spacing values,
// first-page headers, fields). It knows nothing of Vietnamese administrative documents: the
// generator package decides what to write, this package only writes it correctly and fast.
//
// It must depend on the standard library only. The fixed parts are built and compressed once
// per Package and reused for every document; only word/document.xml is compressed per call.
// AddPictures rewrites a package it wrote, adding PNG pictures anchored in the body: the
// signature images of a signed copy.
package ooxml
