// Package jobs says what a client sees of long work run as a job — the PDF of a batch of
// documents into one ZIP: the request, the job's state and progress, its result. The queue
// that runs it is jobs/riverqueue; this package holds no driver, so the HTTP layer can
// speak of jobs without linking River or a database.
package jobs

import "time"

// Job is what a client sees of a job.
type Job struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	State string `json:"state"`
	// Done and Total are the job's progress, in documents.
	Done  int `json:"done"`
	Total int `json:"total"`
	// Result is the address of the result, once the job has completed.
	Result      string     `json:"result,omitempty"`
	Error       string     `json:"error,omitempty"`
	Attempt     int        `json:"attempt"`
	CreatedAt   time.Time  `json:"created_at"`
	FinalizedAt *time.Time `json:"finalized_at,omitempty"`
}

// Result is a job's downloadable result.
type Result struct {
	Name, ContentType, SHA256 string
	Content                   []byte
}

// PDFBatchRequest asks for the PDF/A of several issued documents in one ZIP: the ids
// given, or every document an issuer issued in a year.
type PDFBatchRequest struct {
	IDs      []int64 `json:"ids,omitempty"`
	IssuerID string  `json:"issuer_id,omitempty"`
	Year     int     `json:"year,omitempty"`
}

// MaxBatch is the most documents one job converts.
const MaxBatch = 5000
