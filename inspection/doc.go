// Package inspection is the yearly "An toàn về an ninh, trật tự" recognition of Circular
// 124/2021/TT-BCA: the checklists of articles 4–7 (data files, with the legal basis of each
// criterion), the yearly round (đợt xét) of one recognising authority with the calendar of
// articles 8.2 and 9, the objects of a round (residential areas, communes, agencies and
// enterprises, schools) and their registrations, the inspectors' assessments, the scoring
// that decides "đạt" or "chưa đạt" and explains why, and the progress of a round against its
// target.
//
// It decides what "đạt" means; storage only stores. The commune's item 4 (art. 5.4) and the
// agency's and school's share of sub-units (art. 6.5, 7.6) are computed from the round's own
// data, never typed in. A province changes the criteria, thresholds or grades with an
// overlay file in the data folder (art. 8.1), never with code.
//
// The package is pure domain code: it must not depend on HTTP (gin, net/http), on SQL or a
// database driver, or on the document generator. It persists through the Store interface,
// which the storage package implements. Its dependencies are the standard library, apperr
// and golang.org/x/text/unicode/norm.
package inspection
