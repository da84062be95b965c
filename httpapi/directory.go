package httpapi

import (
	"bytes"
	"net/http"
	"sort"
	"strconv"
	"strings"

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

// updateUnit answers PUT /api/units/:id: one unit's names and printing (directory.UnitEdit),
// on the directory version of If-Match (409 if it has moved), with the new version as ETag.
func (h *handler) updateUnit(c *gin.Context) {
	basedOn, err := ifMatchVersion(c.GetHeader("If-Match"))
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var edit directory.UnitEdit
	if err := decodeJSON(c, &edit); err != nil {
		fail(c, h.log, err)
		return
	}
	u, version, err := h.svc.UpdateUnit(c.Request.Context(), c.Param("id"), edit, basedOn)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	versionHeaders(c, version)
	c.JSON(http.StatusOK, gin.H{"unit": u, "version": version})
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

// exportUnits answers GET /api/directory/units.csv. The ETag is the directory version the
// file was written from: send it back in If-Match with the edited file.
func (h *handler) exportUnits(c *gin.Context) {
	var buf bytes.Buffer
	version, err := h.svc.ExportUnits(c.Request.Context(), &buf)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	csvHeaders(c, "units.csv", version)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// exportGroups answers GET /api/directory/groups.csv, with the version as ETag.
func (h *handler) exportGroups(c *gin.Context) {
	var buf bytes.Buffer
	version, err := h.svc.ExportGroups(c.Request.Context(), &buf)
	if err != nil {
		fail(c, h.log, err)
		return
	}
	csvHeaders(c, "groups.csv", version)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

func csvHeaders(c *gin.Context, name string, version int64) {
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	versionHeaders(c, version)
}

// versionHeaders says which directory version an answer is about.
func versionHeaders(c *gin.Context, version int64) {
	c.Header("ETag", `"`+strconv.FormatInt(version, 10)+`"`)
	c.Header("X-Directory-Version", strconv.FormatInt(version, 10))
}

// importUnits answers PUT /api/directory/units.csv: the body replaces the units; the groups
// stay. Nothing changes if the new directory is not valid, or (409) if it was built on an
// older directory version than the database's (If-Match, or this server's version).
func (h *handler) importUnits(c *gin.Context) { h.importDirectory(c, true) }

// importGroups answers PUT /api/directory/groups.csv: the body replaces the groups.
func (h *handler) importGroups(c *gin.Context) { h.importDirectory(c, false) }

func (h *handler) importDirectory(c *gin.Context, units bool) {
	basedOn, err := ifMatchVersion(c.GetHeader("If-Match"))
	if err != nil {
		fail(c, h.log, err)
		return
	}
	var version int64
	if units {
		version, err = h.svc.ImportDirectory(c.Request.Context(), c.Request.Body, nil, basedOn)
	} else {
		version, err = h.svc.ImportDirectory(c.Request.Context(), nil, c.Request.Body, basedOn)
	}
	if err != nil {
		fail(c, h.log, err)
		return
	}
	tree := h.svc.Tree()
	versionHeaders(c, version)
	if units {
		c.JSON(http.StatusOK, gin.H{"units": len(tree.Units()), "version": version})
	} else {
		c.JSON(http.StatusOK, gin.H{"groups": len(tree.Groups()), "version": version})
	}
}

// ifMatchVersion reads the directory version of an If-Match header: "7", W/"7" or 7; no
// header or * gives 0 (no version asked for).
func ifMatchVersion(header string) (int64, error) {
	v := strings.TrimSpace(header)
	if v == "" || v == "*" {
		return 0, nil
	}
	v = strings.Trim(strings.TrimPrefix(v, "W/"), `"`)
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, apperr.New(apperr.BadInput, msgBadIfMatch)
	}
	return n, nil
}
