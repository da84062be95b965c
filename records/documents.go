package records

import (
	"fmt"
	"strings"

	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/register"
	"vanthu/typeset"
)

// Signer is who signs a generated document and how; the records do not hold the
// signature block of the people's committee.
type Signer struct {
	// Name is the signer's name (ho_ten_nguoi_ky); required.
	Name string `json:"name"`
	// Title is the upper-case title (chuc_vu_nguoi_ky); defaults from the issuer's head.
	Title string `json:"title,omitempty"`
	// Prefix ("KT.", "TM.") and Authority ("CHỦ TỊCH") when signing for someone.
	Prefix    string `json:"prefix,omitempty"`
	Authority string `json:"authority,omitempty"`
}

func (sg *Signer) check() error {
	if strings.TrimSpace(sg.Name) == "" {
		return invalid("signer.name", msgSignerRequired)
	}
	return nil
}

// fill writes the signer's fields into a form's data.
func (sg *Signer) fill(data map[string]any, issuer directory.Unit) {
	data["ho_ten_nguoi_ky"] = sg.Name
	title := sg.Title
	if title == "" {
		title = typeset.Upper(issuer.HeadTitle)
	}
	data["chuc_vu_nguoi_ky"] = title
	if sg.Prefix != "" {
		data["quyen_han_ky"] = sg.Prefix
		data["tham_quyen_ky"] = sg.Authority
	}
}

// Output is what a document request gives back: the issued document, or a preview.
type Output struct {
	// Document is set when the request issued the document.
	Document *register.Document
	// Docx is set for a preview.
	Docx []byte
}

// headLine names the head of a unit as Kính gửi does ("Chủ tịch UBND xã Đông Tiến"),
// through the directory's own routing so the wording is the one everywhere else.
func headLine(tree *directory.Tree, unitID, issuerID string) (string, error) {
	r, err := tree.Route(directory.Rule{ID: "head", Name: "Người đứng đầu", To: []directory.Entry{{Unit: unitID, Address: directory.AddressHead}}}, issuerID, directory.RouteOptions{})
	if err != nil {
		return "", err
	}
	if len(r.KinhGui) == 0 {
		return "", apperr.New(apperr.Invalid, fmt.Sprintf(msgNoSuchUnit, unitID))
	}
	return r.KinhGui[0], nil
}

// childOfKind returns the first unit of kind k directly under id.
func childOfKind(tree *directory.Tree, id string, k directory.Kind) (directory.Unit, bool) {
	for _, c := range tree.Children(id) {
		if c.Kind == k {
			return c, true
		}
	}
	return directory.Unit{}, false
}

// lowerFirst writes a locality name inside a sentence: "Xã Đông Tiến" → "xã Đông Tiến".
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// numberSymbol writes an issued document's "số, ký hiệu": "05/QĐ-UBND".
func numberSymbol(d register.Document) string {
	return typeset.TwoDigits(d.Number) + "/" + d.Symbol
}
