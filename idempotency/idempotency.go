package idempotency

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"vanthu/apperr"
)

// TTL is how long a key is remembered: a retry within it gets the first answer; after it
// the key may be used again for a new request, and the record is deleted.
const TTL = 24 * time.Hour

// MaxKeyLength bounds a key, which is stored and indexed: a UUID is 36 characters.
const MaxKeyLength = 255

// The messages, in one place.
const (
	msgBadKey     = "Khóa Idempotency-Key phải gồm từ 1 đến 255 ký tự ASCII in được (ví dụ một UUID)."
	msgOtherBody  = "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác trong 24 giờ qua; yêu cầu mới cần một khóa mới."
	msgInProgress = "Yêu cầu đầu tiên với khóa Idempotency-Key này đang được xử lý; xin chờ giây lát rồi gửi lại đúng yêu cầu đó để nhận kết quả."
)

// Header is the request header that carries the key; ReplayedHeader marks an answer that is
// the stored first answer, not a new one.
const (
	Header         = "Idempotency-Key"
	ReplayedHeader = "Idempotent-Replayed"
)

// Record is what is kept of a request sent with a key. Status is 0 while the first request
// runs; then the answer's status, Content-Type, Location and body.
//
// Actor scopes the key to who sent it (the HTTP layer gives the user, "user:<id>"), so
// that two users' keys never meet.
type Record struct {
	Actor       string    `db:"actor"`
	Key         string    `db:"idem_key"`
	Fingerprint string    `db:"fingerprint"`
	Status      int       `db:"status"`
	ContentType string    `db:"content_type"`
	Location    string    `db:"location"`
	Body        []byte    `db:"body"`
	CreatedAt   time.Time `db:"created_at"`
}

// Done reports whether the first request has finished and its answer is kept.
func (r *Record) Done() bool { return r.Status != 0 }

// CheckKey returns a BadInput error unless key is 1 to MaxKeyLength printable ASCII
// characters.
func CheckKey(key string) error {
	if len(key) == 0 || len(key) > MaxKeyLength {
		return apperr.New(apperr.BadInput, msgBadKey)
	}
	for i := 0; i < len(key); i++ {
		if key[i] < 0x20 || key[i] > 0x7e {
			return apperr.New(apperr.BadInput, msgBadKey)
		}
	}
	return nil
}

// Fingerprint identifies a request: its method, its path and its body. The same key with
// another fingerprint is another request.
func Fingerprint(method, path string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write([]byte(path))
	h.Write([]byte{0})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// Match decides what a request with fingerprint finds in the record kept for its key: the
// answer to send again (the record itself), a 422 when the key was used for another
// request, or a 409 while the first request is still running.
func Match(kept *Record, fingerprint string) (*Record, error) {
	switch {
	case kept.Fingerprint != fingerprint:
		return nil, &apperr.Error{Code: apperr.Invalid, Message: msgOtherBody, Fields: map[string]string{Header: msgOtherBody}}
	case !kept.Done():
		return nil, apperr.New(apperr.Conflict, msgInProgress)
	}
	return kept, nil
}
