package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	gojson "github.com/goccy/go-json"

	"vanthu/apperr"
	"vanthu/register"
)

// decodeJSON reads the request body into v, refusing unknown fields, trailing data and
// bodies over the limit, with a Vietnamese message that says what is wrong.
//
// A body that decodes is decoded by goccy/go-json, which gin already builds in: decoding a
// dispatch of a few pages with encoding/json was a large share of the cost of a preview
// (README, "Measured performance"). A body that does not is
// decoded again by encoding/json, whose errors say exactly what is wrong (and a panic in
// the fast decoder also falls back), so the messages and statuses are the standard ones.
func decodeJSON(c *gin.Context, v any) error {
	body, err := readBody(c.Request)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return apperr.Wrap(apperr.TooLarge, apperr.DefaultMessage(apperr.TooLarge), err)
		}
		return apperr.Wrap(apperr.BadInput, msgUnreadableBody, err)
	}
	if fastDecode(body, v) {
		return nil
	}
	reflect.ValueOf(v).Elem().SetZero()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	// Numbers are kept as written, so one too large for a float64 (1e400) reaches the form's
	// validation, which names the field it is in, rather than failing here on all of "data".
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntax):
			return apperr.Wrap(apperr.BadInput, fmt.Sprintf(msgBadJSONAt, syntax.Offset), err)
		case errors.As(err, &typ):
			return apperr.Wrap(apperr.BadInput, wrongTypeMessage(typ), err)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return apperr.Wrap(apperr.BadInput, fmt.Sprintf(msgUnknownField, strings.TrimPrefix(err.Error(), "json: unknown field ")), err)
		case errors.Is(err, io.EOF):
			return apperr.New(apperr.BadInput, msgNoJSON)
		default:
			return apperr.Wrap(apperr.BadInput, msgBadJSON, err)
		}
	}
	if dec.More() {
		return apperr.New(apperr.BadInput, msgTrailingJSON)
	}
	// encoding/json accepted what go-json refused: take encoding/json's reading.
	return nil
}

// wrongTypeMessage names what has the wrong type: a field by its JSON path, or the whole
// body ("dữ liệu gửi lên") when it is an array, a string or a number instead of an object.
func wrongTypeMessage(typ *json.UnmarshalTypeError) string {
	switch path := jsonPath(typ.Field); {
	case path == "":
		return msgBodyNotObject
	case path == "data" && !strings.HasPrefix(typ.Value, "number"):
		return msgDataNotObject // "data" itself; a number inside it is the form's to name
	default:
		return fmt.Sprintf(msgWrongType, path)
	}
}

// readBody reads the whole request body, holding no more memory than what has arrived.
//
// A buffer sized from Content-Length up front let a client that announces 2 MB and sends
// nothing hold 2 MB of the server per connection: a thousand such connections took more
// than a gigabyte. So nothing is allocated before the first bytes arrive (the first read
// goes into a small array), and then the buffer is sized min(Content-Length,
// firstBodyBuffer): an ordinary dispatch of a few pages still takes one allocation of its
// exact size (io.ReadAll's doubling from 512 bytes allocated 38 KB for a 14 KB one), and a
// larger body grows by doubling as its bytes come, so the memory a body holds is never
// more than about twice what its client has really sent.
func readBody(r *http.Request) ([]byte, error) {
	var first [512]byte
	n, err := io.ReadAtLeast(r.Body, first[:], 1)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	size := firstBodyBuffer
	if r.ContentLength > 0 {
		size = int(min(r.ContentLength, firstBodyBuffer))
	}
	buf := bytes.NewBuffer(make([]byte, 0, max(size, n)+bytes.MinRead)) // ReadFrom stops at EOF without growing
	buf.Write(first[:n])
	_, err = buf.ReadFrom(r.Body)
	return buf.Bytes(), err
}

// firstBodyBuffer is the most allocated for a body once its first bytes arrive: 32 KiB, more
// than a dispatch of several pages.
const firstBodyBuffer = 32 << 10

// fastDecode decodes body into v with go-json and reports whether it did cleanly: one
// object, no unknown field, nothing after it.
func fastDecode(body []byte, v any) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	dec := gojson.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return dec.Decode(v) == nil && !dec.More()
}

// jsonPath drops the Go names of embedded structs from a decoder's field path
// ("Submission.form" → "form"): the user knows only the JSON names, which are lower case.
func jsonPath(field string) string {
	parts := strings.Split(field, ".")
	kept := parts[:0]
	for _, p := range parts {
		if p != "" && (p[0] < 'A' || p[0] > 'Z') {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ".")
}

// pathID reads the :id path parameter as a document id.
func pathID(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, register.MsgDocumentNotFound)
	}
	return id, nil
}

// queryInt reads an optional integer query parameter between 0 and max; label names it in
// the message.
func queryInt(c *gin.Context, name, label string, max int) (int, error) {
	v := c.Query(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		return 0, apperr.InvalidFields(map[string]string{name: fmt.Sprintf(msgIntRange, label, max)})
	}
	return n, nil
}

// Bounds of the list query parameters.
const (
	maxYear   = 9999
	maxNumber = 1_000_000 // a number of a series, as the register page bounds it
	maxOffset = 1 << 30
)

// queryIssuer reads the optional ?issuer= filter, which must name a unit of the directory.
func (h *handler) queryIssuer(c *gin.Context) (string, error) {
	id := c.Query("issuer")
	if id == "" {
		return "", nil
	}
	if _, ok := h.svc.Tree().Unit(id); !ok {
		return "", apperr.InvalidFields(map[string]string{"issuer": msgNoSuchUnit})
	}
	return id, nil
}

// etagMatches reports whether an If-None-Match header (a list, weak tags, or *) names etag.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// sendDocx writes a .docx with a download name; Vietnamese names are kept in filename*.
func sendDocx(c *gin.Context, name string, data []byte) {
	c.Header("Content-Disposition", `attachment; filename="`+asciiName(name)+`"; filename*=UTF-8''`+url.PathEscape(name))
	c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data)
}

// asciiName keeps the letters, digits and -_. of a file name for old clients.
func asciiName(name string) string {
	var sb strings.Builder
	for _, r := range name {
		switch {
		case r < 0x80 && (r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			sb.WriteRune(r)
		default:
			sb.WriteByte('_')
		}
	}
	return sb.String()
}
