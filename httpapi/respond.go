package httpapi

import (
	"bytes"
	"encoding/json"

	"github.com/gin-gonic/gin"

	"vanthu/register"
)

// sendDocument writes a document as JSON. Its data and recipients are JSON already, written
// by the secretariat and checked valid by storage before they were kept; they are spliced
// in as they are instead of being parsed and compacted again, which for a dispatch of a few
// pages was a tenth of the cost of issuing it.
func sendDocument(c *gin.Context, status int, d register.Document) {
	data, recipients := d.Data, d.Recipients
	// The outer fields hide the embedded ones of the same JSON name and, nil, are left out.
	head, err := json.Marshal(struct {
		register.Document
		Data       *struct{} `json:"data,omitempty"`
		Recipients *struct{} `json:"recipients,omitempty"`
	}{Document: d})
	if err != nil {
		c.JSON(status, d) // the slow way
		return
	}
	var buf bytes.Buffer
	buf.Grow(len(head) + len(data) + len(recipients) + 32)
	buf.Write(head[:len(head)-1]) // without the closing brace
	for _, f := range []struct {
		name string
		raw  json.RawMessage
	}{{"data", data}, {"recipients", recipients}} {
		buf.WriteString(`,"` + f.name + `":`)
		if len(f.raw) == 0 {
			buf.WriteString("null")
		} else {
			buf.Write(f.raw)
		}
	}
	buf.WriteByte('}')
	c.Data(status, "application/json; charset=utf-8", buf.Bytes())
}
