package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/directory"
	"vanthu/forms"
)

// libraryView is the template library: every form, and the units whose header a blank
// can carry.
type libraryView struct {
	Forms  []*forms.Definition
	Units  []directory.Unit
	UnitID string
}

// templateLibrary answers GET /mau-trong?unit=: each form's blank .docx, with the chosen
// unit's header (GET /api/forms/:id/blank.docx?unit=).
func (p *Pages) templateLibrary(c *gin.Context) {
	ctx := c.Request.Context()
	defs, err := p.svc.Forms(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	lv := libraryView{Forms: defs}
	a := access.FromContext(ctx)
	tree := p.svc.Tree()
	all, units := access.Visible(a, access.TemplateRead, tree)
	// The headers offered: the bodies the actor works in, and for an area (a commune) the
	// bodies directly under it (its People's Committee). Only a choice of header: any
	// unit's header may be downloaded by whoever may read templates.
	for _, u := range tree.Units() {
		parent, _ := tree.Parent(u.ID)
		if u.ShortName != "" && (all || units[u.ID] || units[parent.ID]) {
			lv.Units = append(lv.Units, u)
		}
	}
	lv.UnitID = c.Query("unit")
	if lv.UnitID == "" && len(lv.Units) > 0 {
		lv.UnitID = lv.Units[0].ID
	}
	p.render(c, http.StatusOK, "library", view{Title: "Thư viện mẫu", Data: &lv})
}
