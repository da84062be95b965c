package web

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"vanthu/inspection"
)

// The chart of a round's dashboard, drawn on the server as SVG: one bar per kind of
// object, the recognised share against the round's target. Its figures are those of the
// table under it and of the XLSX export (inspection.Progress).
// The chart is drawn for a phone's width (360 units, about one CSS pixel each there): the
// label of a bar above it, its value at its right.
const (
	chartLabel = 0   // where the bars start
	chartBar   = 250 // width of a bar at 100 %
	chartRow   = 56  // height of a row: label and bar
)

// chartRowView is one bar of the chart, with its coordinates.
type chartRowView struct {
	Label            string
	Y, TextY         int
	Registered, Done int // widths of the registered and recognised bars
	Value            string
}

// dashboardView is the dashboard page of a round.
type dashboardView struct {
	Round    *inspection.Round
	Progress *inspection.Progress
	Rows     []chartRowView
	Height   int
	TargetX  int
	Target   string
}

// dashboardPage answers GET /kiem-tra/:round/tong-hop.
func (p *Pages) dashboardPage(c *gin.Context) {
	id, ok := p.roundID(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	prog, err := p.insp.Progress(ctx, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	round, err := p.insp.Round(ctx, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	dv := dashboardView{Round: round, Progress: prog, TargetX: chartLabel + int(prog.Target*chartBar+0.5)}
	dv.Target = percentOf(prog.Target)
	for i, k := range prog.Kinds {
		y := 24 + i*chartRow
		dv.Rows = append(dv.Rows, chartRowView{
			Label: k.Title, Y: y, TextY: y + 18,
			Registered: int(k.RegisteredShare*chartBar + 0.5), Done: int(k.RecognisedShare*chartBar + 0.5),
			Value: fmt.Sprintf("%d/%d (%s)", k.Recognised, k.Total, percentOf(k.RecognisedShare)),
		})
	}
	dv.Height = 24 + len(prog.Kinds)*chartRow + 20
	p.render(c, http.StatusOK, "dashboard", view{Title: "Tổng hợp — " + round.Name, Data: &dv})
}
