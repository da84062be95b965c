// Package signing signs PDFs with a digital signature (PAdES-style CMS, adbe.pkcs7.detached
// via github.com/digitorus/pdfsign) using a key and certificate chain read from a PKCS#12
// file, as Decree 30/2020 wants of an electronic document. The signature is invisible:
// it names the signer, the reason (the document's number) and the place, and pdfsig or any
// PDF reader shows and checks it; the visible appearance of Annex I, II.7.d and II.8
// (signature and seal images) is not drawn.
//
// It imports nothing from the module and makes no network call: no time-stamp authority,
// no OCSP or CRL fetching.
package signing
