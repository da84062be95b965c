package httpapi

import (
	"bytes"
	"net/http"
	"sort"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
	"vanthu/directory"
)

// listUnits answers GET /api/units[?parent=ID][&kind=KIND].
func (h *handler) listUnits(c *gin.Context) {
	tree, err := h.svc.Directory(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	units := tree.Units()
	if parent, ok := c.GetQuery("parent"); ok {
		units = tree.Children(parent)
	}
	if kind := c.Query("kind"); kind != "" {
		kept := units[:0:0]
		for _, u := range units {
			if string(u.Kind) == kind {
				kept = append(kept, u)
			}
		}
		units = kept
	}
	c.JSON(http.StatusOK, units)
}

// getUnit answers GET /api/units/:id with the unit and its document header.
func (h *handler) getUnit(c *gin.Context) {
	tree, err := h.svc.Directory(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	u, ok := tree.Unit(c.Param("id"))
	if !ok {
		fail(c, h.log, apperr.New(apperr.NotFound, msgNoSuchUnit))
		return
	}
	parent, issuer := tree.Header(u.ID)
	c.JSON(http.StatusOK, struct {
		directory.Unit
		HeaderParent string `json:"header_parent"`
		HeaderIssuer string `json:"header_issuer"`
	}{u, parent, issuer})
}

// listGroups answers GET /api/groups.
func (h *handler) listGroups(c *gin.Context) {
	tree, err := h.svc.Directory(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, tree.Groups())
}

// listRules answers GET /api/routing with the routing rules, sorted by id.
func (h *handler) listRules(c *gin.Context) {
	rules, err := h.svc.RoutingRules(c.Request.Context())
	if err != nil {
		fail(c, h.log, err)
		return
	}
	out := make([]directory.Rule, 0, len(rules))
	for _, r := range rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	c.JSON(http.StatusOK, out)
}

// exportUnits answers GET /api/directory/units.csv.
func (h *handler) exportUnits(c *gin.Context) {
	var buf bytes.Buffer
	if err := h.svc.ExportUnits(c.Request.Context(), &buf); err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="units.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// exportGroups answers GET /api/directory/groups.csv.
func (h *handler) exportGroups(c *gin.Context) {
	var buf bytes.Buffer
	if err := h.svc.ExportGroups(c.Request.Context(), &buf); err != nil {
		fail(c, h.log, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="groups.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// importUnits answers PUT /api/directory/units.csv: the body replaces the units; the groups
// stay. Nothing changes if the new directory is not valid.
func (h *handler) importUnits(c *gin.Context) {
	if err := h.svc.ImportDirectory(c.Request.Context(), c.Request.Body, nil); err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"units": len(h.svc.Tree().Units())})
}

// importGroups answers PUT /api/directory/groups.csv: the body replaces the groups.
func (h *handler) importGroups(c *gin.Context) {
	if err := h.svc.ImportDirectory(c.Request.Context(), nil, c.Request.Body); err != nil {
		fail(c, h.log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"groups": len(h.svc.Tree().Groups())})
}
