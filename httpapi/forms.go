package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"vanthu/forms"
)

// formSummary is one line of the form list.
type formSummary struct {
	ID          string       `json:"id"`
	Title       string       `json:"title"`
	Family      forms.Family `json:"family"`
	Kind        string       `json:"kind"`
	Description string       `json:"description"`
	LegalBasis  []string     `json:"legal_basis"`
}

// listForms answers GET /api/forms.
func (h *handler) listForms(c *gin.Context) {
	defs, err := h.svc.Forms(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	out := make([]formSummary, len(defs))
	for i, d := range defs {
		out[i] = formSummary{ID: d.ID, Title: d.Title, Family: d.Family, Kind: string(d.Kind),
			Description: d.Description, LegalBasis: d.LegalBasis}
	}
	c.JSON(http.StatusOK, out)
}

// getForm answers GET /api/forms/:id with the whole definition, so a client can check the
// same rules before sending.
func (h *handler) getForm(c *gin.Context) {
	def, err := h.svc.Form(c.Request.Context(), c.Param("id"))
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, def)
}

// blankForm answers GET /api/forms/:id/blank.docx?unit=ID with the form to fill by hand.
func (h *handler) blankForm(c *gin.Context) {
	id := c.Param("id")
	data, err := h.svc.Blank(c.Request.Context(), id, c.Query("unit"))
	if err != nil {
		fail(c, h.log, err)
		return
	}
	sendDocx(c, "mau-"+id+".docx", data)
}
