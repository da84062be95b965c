// Package records is the service over committees, teams and commendation proposals kept as
// records: people, bodies and their dated memberships; proposals, nominees and the
// council's votes. It checks changes against the composition rules (committee) and
// nominees against the awards (commendation), and builds the documents that follow from
// the records — the decision establishing or reorganising a body with its member annex,
// the tờ trình proposing an award with its nominee list addressed to the authority that
// grants it, the council's minutes with the vote counts — as submissions of the existing
// forms, which the secretariat validates, numbers, renders and registers.
//
// It keeps data through its Store interface, which storage.DB implements, so that httpapi
// (which calls it) stays free of the storage package. It must not depend on HTTP.
package records
