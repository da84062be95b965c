package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/inspection"
)

// standingRow is one object of the unit's page with what its certificates' links need.
type standingRow struct {
	inspection.Standing
	Certificates []certificateLink
}

// certificateLink is one certificate with whether the reader may open its PDF, which the
// document's page serves to those who may read the issuer's documents.
type certificateLink struct {
	inspection.Certificate
	PDF bool
}

// unitResultsPage answers GET /ket-qua: the unit's own objects in every round, each with
// its result, why it is "chưa đạt", and its Giấy công nhận to download.
func (p *Pages) unitResultsPage(c *gin.Context) {
	ctx := c.Request.Context()
	standings, err := p.insp.Standings(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	a, tree := access.FromContext(ctx), p.svc.Tree()
	rows := make([]standingRow, len(standings))
	for i, st := range standings {
		rows[i].Standing = st
		for _, cert := range st.Certificates {
			rows[i].Certificates = append(rows[i].Certificates,
				certificateLink{Certificate: cert, PDF: p.pdf != nil && access.Can(a, access.DocumentRead, cert.IssuerID, tree)})
		}
	}
	p.render(c, http.StatusOK, "results", view{Title: "Kết quả và giấy công nhận", Data: rows})
}

// certificateDocx answers GET /ket-qua/:round/:object/giay-cong-nhan/:doc: the .docx of a
// certificate issued to the object, to whoever may read the object's result.
func (p *Pages) certificateDocx(c *gin.Context) {
	round, ok := p.roundID(c)
	if !ok {
		return
	}
	doc, err := strconv.ParseInt(c.Param("doc"), 10, 64)
	if err != nil || doc <= 0 {
		p.fail(c, apperr.New(apperr.NotFound, inspection.MsgCertificateNotFound))
		return
	}
	file, err := p.insp.CertificateFile(c.Request.Context(), round, c.Param("object"), doc)
	if err != nil {
		p.fail(c, err)
		return
	}
	// Named by the document alone: an object's id may hold characters a header may not.
	sendDocx(c, fmt.Sprintf("giay-cong-nhan-antt-%d.docx", doc), file)
}
