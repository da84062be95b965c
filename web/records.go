package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/apperr"
	"vanthu/committee"
	"vanthu/directory"
	"vanthu/httpapi"
	"vanthu/records"
)

// The pages of people and bodies (Ban Chỉ đạo, Tổ bảo vệ ANTT, Hội đồng thi đua khen
// thưởng) and of commendation proposals. They call records.Service with the actor in the
// context, as the JSON API does: the service decides what may be read and changed and
// checks every rule; the pages only translate forms and show its messages at the field.

// mountRecords adds the routes of the records' pages; none without the service.
func (p *Pages) mountRecords(r gin.IRouter) {
	if p.rec == nil {
		return
	}
	r.GET("/to-chuc", p.orgPage)
	r.GET("/to-chuc/nguoi", p.personNew)
	r.POST("/to-chuc/nguoi", p.personCreate)
	r.GET("/to-chuc/nguoi/:id", p.personPage)
	r.POST("/to-chuc/nguoi/:id", p.personSave)
	r.POST("/to-chuc/ban", p.bodyCreate)
	r.GET("/to-chuc/ban/:id", p.bodyPage)
	r.POST("/to-chuc/ban/:id/thay-doi", p.bodyChange)
	r.POST("/to-chuc/ban/:id/quyet-dinh", p.bodyDecision)

	r.GET("/khen-thuong", p.proposalsPage)
	r.POST("/khen-thuong", p.proposalCreate)
	r.GET("/khen-thuong/:id", p.proposalPage)
	r.POST("/khen-thuong/:id/de-cu", p.nomineesAdd)
	r.POST("/khen-thuong/:id/bieu-quyet", p.votesSave)
	r.POST("/khen-thuong/:id/to-trinh", p.submissionIssue)
	r.POST("/khen-thuong/:id/bien-ban", p.minutesIssue)
	r.POST("/khen-thuong/:id/bao-cao", p.reportsDownload)
	r.POST("/khen-thuong/:id/quyet-dinh", p.grantIssue)
}

// recordLinks are the navigation entries of the records' pages.
func (p *Pages) recordLinks(a *access.Actor) []link {
	if p.rec == nil {
		return nil
	}
	var out []link
	if access.Holds(a, access.CommitteeRead) {
		out = append(out, link{"/to-chuc", "Người và tổ chức", "Người, Ban Chỉ đạo, Tổ bảo vệ ANTT, Hội đồng thi đua khen thưởng; thành phần theo ngày, quyết định thành lập, kiện toàn."})
	}
	if access.Holds(a, access.CommendationRead) {
		out = append(out, link{"/khen-thuong", "Khen thưởng", "Đề nghị khen thưởng theo năm: người được đề nghị, điều kiện, biểu quyết, tờ trình, biên bản, quyết định."})
	}
	return out
}

// fieldErrors are the service's messages by field, keyed "form:field" so a page with
// several forms shows each message at its own form; "form:" is the form's message for what
// no field of the page shows.
type fieldErrors map[string]string

// Any reports whether form has a message.
func (fe fieldErrors) Any(form string) bool {
	for k := range fe {
		if strings.HasPrefix(k, form+":") {
			return true
		}
	}
	return false
}

// place files the fields of err under form; those the page has no field for (not in
// known, after rename) go to the form's own message.
func (fe fieldErrors) place(form string, err error, known []string, rename func(string) string) {
	e := apperr.As(err)
	var rest []string
	for f, m := range e.Fields {
		if rename != nil {
			f = rename(f)
		}
		if slices.Contains(known, f) {
			fe[form+":"+f] = m
			continue
		}
		rest = append(rest, m)
	}
	if len(e.Fields) == 0 {
		rest = append(rest, e.Message)
	}
	slices.Sort(rest)
	if len(rest) > 0 {
		fe[form+":"] = strings.Join(rest, " ")
	}
}

// userMistake reports whether err is the user's to fix on the page (a 4xx other than
// 401, 403 and 404), as opposed to one that ends on the error page.
func userMistake(err error) bool {
	s := httpapi.Status(err)
	return s >= 400 && s < 500 && s != http.StatusUnauthorized && s != http.StatusForbidden && s != http.StatusNotFound
}

// pathID reads the :id of a page address; what names the record in the 404.
func (p *Pages) pathID(c *gin.Context, what string) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		p.fail(c, apperr.New(apperr.NotFound, what))
		return 0, false
	}
	return id, true
}

// bodyKinds are the kinds of body the pages create, with their Vietnamese names.
var bodyKinds = []struct{ ID, Label string }{
	{committee.SteeringCommittee, "Ban Chỉ đạo an ninh, trật tự"},
	{committee.SecurityTeam, "Tổ bảo vệ an ninh, trật tự"},
	{committee.EmulationCouncil, "Hội đồng thi đua, khen thưởng"},
}

func bodyKindName(id string) string {
	for _, k := range bodyKinds {
		if k.ID == id {
			return k.Label
		}
	}
	return id
}

// bodyRow is a body in a list, with its kind's name.
type bodyRow struct {
	committee.Body
	KindName string
}

// orgView is the page of one unit's people and bodies.
type orgView struct {
	UnitID string
	Unit   directory.Unit
	// Units are the units the actor may choose among.
	Units    []directory.Unit
	People   []committee.Person
	Bodies   []bodyRow
	Villages []directory.Unit
	Kinds    []struct{ ID, Label string }
	CanWrite bool
	Errs     fieldErrors
	Posted   url.Values
}

// V is what the user typed in a field of the form that was refused.
func (v *orgView) V(name string) string { return v.Posted.Get(name) }

// Has reports whether a value was chosen among the typed ones of a multiple select.
func (v *orgView) Has(name, value string) bool { return slices.Contains(v.Posted[name], value) }

// recordUnits are the units whose records the actor may read, people's committees and
// police first: those that keep bodies.
func (p *Pages) recordUnits(a *access.Actor, perm access.Permission) []directory.Unit {
	tree := p.svc.Tree()
	var out []directory.Unit
	for _, u := range tree.Units() {
		if (u.Kind == directory.PeopleCommittee || u.Kind == directory.Police) && access.Can(a, perm, u.ID, tree) {
			out = append(out, u)
		}
	}
	return out
}

// orgView reads a unit's people and bodies through the service; unitID "" is the first
// unit the actor may read.
func (p *Pages) orgView(c *gin.Context, unitID string) (*orgView, error) {
	ctx := c.Request.Context()
	a := access.FromContext(ctx)
	ov := &orgView{Units: p.recordUnits(a, access.CommitteeRead), Kinds: bodyKinds, Errs: fieldErrors{}, Posted: url.Values{}}
	if unitID == "" {
		if len(ov.Units) == 0 {
			// No unit to show: the service says why (403 to a role without the records).
			if _, err := p.rec.People(ctx, ""); err != nil {
				return nil, err
			}
			return nil, apperr.New(apperr.NotFound, "Tài khoản này không giữ hồ sơ của đơn vị nào.")
		}
		unitID = ov.Units[0].ID
	}
	tree := p.svc.Tree()
	u, ok := tree.Unit(unitID)
	if !ok {
		return nil, apperr.New(apperr.NotFound, "Danh mục không có đơn vị này.")
	}
	var err error
	if ov.People, err = p.rec.People(ctx, unitID); err != nil {
		return nil, err
	}
	bodies, err := p.rec.Bodies(ctx, unitID, "")
	if err != nil {
		return nil, err
	}
	for _, b := range bodies {
		ov.Bodies = append(ov.Bodies, bodyRow{Body: b, KindName: bodyKindName(b.Kind)})
	}
	ov.UnitID, ov.Unit = unitID, u
	ov.CanWrite = access.Can(a, access.CommitteeWrite, unitID, tree)
	if loc, ok := tree.Locality(unitID); ok {
		for _, ch := range tree.Children(loc.ID) {
			if ch.Kind == directory.Village {
				ov.Villages = append(ov.Villages, ch)
			}
		}
	}
	return ov, nil
}

func (p *Pages) orgPage(c *gin.Context) {
	ov, err := p.orgView(c, c.Query("unit"))
	if err != nil {
		p.fail(c, err)
		return
	}
	v := view{Title: "Người và tổ chức — " + ov.Unit.Name, Data: ov}
	switch {
	case c.Query("da-them") != "":
		v.Message = "Đã thêm người vào hồ sơ."
	case c.Query("da-luu") != "":
		v.Message = "Đã lưu hồ sơ của người này."
	}
	p.render(c, http.StatusOK, "organisation", v)
}

// personFields are the fields of the person form, as the service names them.
var personFields = []string{"name", "gender", "birth_year", "unit_id", "position", "address", "phone"}

// personOf reads the person form.
func personOf(c *gin.Context) committee.Person {
	year, _ := strconv.Atoi(strings.TrimSpace(c.PostForm("birth_year")))
	return committee.Person{Name: c.PostForm("name"), Gender: committee.Gender(c.PostForm("gender")), BirthYear: year,
		UnitID: c.PostForm("unit_id"), Position: c.PostForm("position"), Address: c.PostForm("address"), Phone: c.PostForm("phone")}
}

// personCreate answers POST /to-chuc/nguoi: the person is added to the unit of the form;
// a refused one shows the unit's page again with the messages at the fields.
func (p *Pages) personCreate(c *gin.Context) {
	person := personOf(c)
	err := p.rec.CreatePerson(c.Request.Context(), &person)
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/to-chuc?unit="+url.QueryEscape(person.UnitID)+"&da-them=1")
		return
	}
	p.personRefused(c, person, err)
}

// personNew answers GET /to-chuc/nguoi?unit=: the form adding a person to the unit.
func (p *Pages) personNew(c *gin.Context) {
	unitID := c.Query("unit")
	u, ok := p.svc.Tree().Unit(unitID)
	if !ok {
		p.fail(c, apperr.New(apperr.NotFound, "Danh mục không có đơn vị này."))
		return
	}
	// Only a form; the service, asked for the unit's people, refuses who may not read them,
	// and decides on the person sent.
	if _, err := p.rec.People(c.Request.Context(), unitID); err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "person", view{Title: "Thêm người", Data: &personView{Person: committee.Person{UnitID: unitID}, Unit: u, Errs: fieldErrors{}}})
}

// personRefused shows the person form again with the service's messages at the fields
// and what was typed.
func (p *Pages) personRefused(c *gin.Context, typed committee.Person, err error) {
	if !userMistake(err) {
		p.fail(c, err)
		return
	}
	pv := &personView{Person: typed, Errs: fieldErrors{}}
	pv.Unit, _ = p.svc.Tree().Unit(typed.UnitID)
	pv.Errs.place("nguoi", err, personFields, nil)
	p.render(c, httpapi.Status(err), "person", view{Title: "Hồ sơ người", Error: "Chưa lưu: xem thông báo ở các ô được đánh dấu.", Data: pv})
}

// orgRefused shows the unit's page again after a refused form, keeping what was typed.
func (p *Pages) orgRefused(c *gin.Context, unitID, form string, err error, known []string, rename func(string) string) {
	if !userMistake(err) {
		p.fail(c, err)
		return
	}
	ov, err2 := p.orgView(c, unitID)
	if err2 != nil {
		p.fail(c, err2)
		return
	}
	ov.Errs.place(form, err, known, rename)
	ov.Posted = c.Request.PostForm
	p.render(c, httpapi.Status(err), "organisation", view{Title: "Người và tổ chức — " + ov.Unit.Name,
		Error: "Chưa lưu: xem thông báo ở các ô được đánh dấu.", Data: ov})
}

// personView is the page of one person.
type personView struct {
	Person committee.Person
	Unit   directory.Unit
	Errs   fieldErrors
}

func (p *Pages) personPage(c *gin.Context) {
	id, ok := p.pathID(c, "Không có người này trong hồ sơ.")
	if !ok {
		return
	}
	person, err := p.rec.Person(c.Request.Context(), id)
	if err != nil {
		p.fail(c, err)
		return
	}
	u, _ := p.svc.Tree().Unit(person.UnitID)
	p.render(c, http.StatusOK, "person", view{Title: person.Name, Data: &personView{Person: person, Unit: u, Errs: fieldErrors{}}})
}

// personSave answers POST /to-chuc/nguoi/:id.
func (p *Pages) personSave(c *gin.Context) {
	id, ok := p.pathID(c, "Không có người này trong hồ sơ.")
	if !ok {
		return
	}
	person := personOf(c)
	person.ID = id
	err := p.rec.UpdatePerson(c.Request.Context(), &person)
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/to-chuc?unit="+url.QueryEscape(person.UnitID)+"&da-luu=1")
		return
	}
	typed := personOf(c)
	typed.ID = id
	p.personRefused(c, typed, err)
}

// bodyFields are the fields of the body form.
var bodyFields = []string{"kind", "name", "unit_id", "areas"}

// bodyCreate answers POST /to-chuc/ban.
func (p *Pages) bodyCreate(c *gin.Context) {
	b := committee.Body{Kind: c.PostForm("kind"), UnitID: c.PostForm("unit_id"), Name: c.PostForm("name"), Areas: c.PostFormArray("areas")}
	bv, err := p.rec.CreateBody(c.Request.Context(), &b)
	if err == nil {
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/to-chuc/ban/%d?da-tao=1", bv.ID))
		return
	}
	p.orgRefused(c, b.UnitID, "ban", err, bodyFields, func(f string) string {
		if strings.HasPrefix(f, "areas[") {
			return "areas"
		}
		return f
	})
}

// joinRows is how many people one change form can name: a team of a thôn has 3, of a tổ
// dân phố 5; a larger body is established in several changes on the same date.
const joinRows = 6

// bodyView is the page of one body: its composition on a date and its forms.
type bodyView struct {
	Body      records.BodyView
	KindName  string
	Unit      directory.Unit
	Date      committee.Date
	Today     committee.Date
	Members   []committee.Member
	Decisions []committee.Decision
	// People are those who may join: the people whose records the actor may read.
	People   []committee.Person
	Rows     []int
	CanWrite bool
	Errs     fieldErrors
	Posted   url.Values
}

// V is what the user typed in a field of the form that was refused.
func (v *bodyView) V(name string) string { return v.Posted.Get(name) }

// Has reports whether a checkbox was ticked in the form that was refused.
func (v *bodyView) Has(name, value string) bool { return slices.Contains(v.Posted[name], value) }

// bodyView reads a body, its composition on the date asked (today by default) and what
// its forms need.
func (p *Pages) bodyView(c *gin.Context, id int64, date string) (*bodyView, error) {
	ctx := c.Request.Context()
	b, err := p.rec.Body(ctx, id)
	if err != nil {
		return nil, err
	}
	bv := &bodyView{Body: b, KindName: bodyKindName(b.Kind), Today: p.rec.Today(), Errs: fieldErrors{}, Posted: url.Values{}}
	bv.Unit, _ = p.svc.Tree().Unit(b.UnitID)
	bv.Date = bv.Today
	if date != "" {
		d, err := committee.ParseDate(date)
		if err != nil {
			bv.Errs["ngay:ngay"] = err.Error()
		} else {
			bv.Date = d
		}
	}
	if bv.Members, err = p.rec.Composition(ctx, id, bv.Date); err != nil {
		return nil, err
	}
	if bv.Decisions, err = p.rec.Decisions(ctx, id); err != nil {
		return nil, err
	}
	bv.CanWrite = access.Can(access.FromContext(ctx), access.CommitteeWrite, b.UnitID, p.svc.Tree())
	if bv.CanWrite {
		if bv.People, err = p.localPeople(c, b.UnitID); err != nil {
			return nil, err
		}
	}
	for i := range joinRows {
		bv.Rows = append(bv.Rows, i)
	}
	return bv, nil
}

func (p *Pages) bodyPage(c *gin.Context) {
	id, ok := p.pathID(c, "Không có tổ chức (Ban, Tổ, Hội đồng) này trong hồ sơ.")
	if !ok {
		return
	}
	bv, err := p.bodyView(c, id, c.Query("ngay"))
	if err != nil {
		p.fail(c, err)
		return
	}
	v := view{Title: bv.Body.Name, Data: bv}
	status := http.StatusOK
	switch {
	case bv.Errs["ngay:ngay"] != "":
		status = http.StatusUnprocessableEntity
	case c.Query("da-tao") != "":
		v.Message = "Đã tạo. Ghi thành phần (người, vai trò, ngày bắt đầu) rồi ban hành quyết định thành lập."
	case c.Query("da-ghi") != "":
		v.Message = "Đã ghi thay đổi thành phần."
	}
	p.render(c, status, "body", v)
}

// bodyRefused shows the body's page again after a refused form, keeping what was typed.
func (p *Pages) bodyRefused(c *gin.Context, id int64, form string, err error, known []string, rename func(string) string) {
	if !userMistake(err) {
		p.fail(c, err)
		return
	}
	bv, err2 := p.bodyView(c, id, "")
	if err2 != nil {
		p.fail(c, err2)
		return
	}
	bv.Errs.place(form, err, known, rename)
	bv.Posted = c.Request.PostForm
	p.render(c, httpapi.Status(err), "body", view{Title: bv.Body.Name, Error: "Chưa lưu: xem thông báo ở các ô được đánh dấu.", Data: bv})
}

// bodyChange answers POST /to-chuc/ban/:id/thay-doi: the rows name who joins in which
// role; the ticked members leave. The change is checked as a whole by the service against
// the province's rules, whose messages show at the rows.
func (p *Pages) bodyChange(c *gin.Context) {
	id, ok := p.pathID(c, "Không có tổ chức (Ban, Tổ, Hội đồng) này trong hồ sơ.")
	if !ok {
		return
	}
	ch := committee.Change{Date: committee.Date(strings.TrimSpace(c.PostForm("date")))}
	var rowOf []int // the form row of each joining, for the messages
	badRow := fieldErrors{}
	for i := range joinRows {
		person, role := c.PostForm(fmt.Sprintf("j.%d.person", i)), strings.TrimSpace(c.PostForm(fmt.Sprintf("j.%d.role", i)))
		if person == "" && role == "" {
			continue
		}
		pid, err := strconv.ParseInt(person, 10, 64)
		if err != nil || pid <= 0 {
			badRow[fmt.Sprintf("thay-doi:j.%d.person", i)] = "Chọn người cho dòng này, hoặc bỏ trống cả dòng."
			continue
		}
		ch.Join = append(ch.Join, committee.Joining{PersonID: pid, Role: role})
		rowOf = append(rowOf, i)
	}
	for _, s := range c.PostFormArray("leave") {
		if pid, err := strconv.ParseInt(s, 10, 64); err == nil {
			ch.Leave = append(ch.Leave, pid)
		}
	}
	var err error
	if len(badRow) > 0 {
		err = apperr.InvalidFields(map[string]string{})
	} else {
		_, err = p.rec.Change(c.Request.Context(), id, ch)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/to-chuc/ban/%d?ngay=%s&da-ghi=1", id, url.QueryEscape(string(ch.Date))))
		return
	}
	known := []string{"date", "composition", "leave"}
	for i := range joinRows {
		known = append(known, fmt.Sprintf("j.%d.person", i), fmt.Sprintf("j.%d.role", i))
	}
	if len(badRow) > 0 {
		bv, err2 := p.bodyView(c, id, "")
		if err2 != nil {
			p.fail(c, err2)
			return
		}
		bv.Errs, bv.Posted = badRow, c.Request.PostForm
		p.render(c, http.StatusUnprocessableEntity, "body", view{Title: bv.Body.Name, Error: "Chưa lưu: xem thông báo ở các ô được đánh dấu.", Data: bv})
		return
	}
	p.bodyRefused(c, id, "thay-doi", err, known, func(f string) string {
		// join[k].role → the k-th filled row's field; leave[k] → the leave list.
		var k int
		var rest string
		if n, _ := fmt.Sscanf(f, "join[%d].%s", &k, &rest); n == 2 && k < len(rowOf) {
			if rest == "person_id" {
				rest = "person"
			}
			return fmt.Sprintf("j.%d.%s", rowOf[k], rest)
		}
		if strings.HasPrefix(f, "leave[") {
			return "leave"
		}
		return f
	})
}

// localPeople are the people kept by the units of unitID's locality (its committee, its
// police, its villages) that the actor may read: those a body or a proposal of unitID
// names, and few enough to be offered in a list, where every person of a province is not.
func (p *Pages) localPeople(c *gin.Context, unitID string) ([]committee.Person, error) {
	ctx := c.Request.Context()
	tree := p.svc.Tree()
	loc, ok := tree.Locality(unitID)
	if !ok {
		return p.rec.People(ctx, unitID)
	}
	a := access.FromContext(ctx)
	var out []committee.Person
	for _, u := range append([]directory.Unit{loc}, tree.Children(loc.ID)...) {
		if !access.Can(a, access.CommitteeRead, u.ID, tree) {
			continue
		}
		people, err := p.rec.People(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, people...)
	}
	slices.SortFunc(out, func(x, y committee.Person) int { return strings.Compare(x.Name, y.Name) })
	return out, nil
}

// signerOf reads the signer fields of a document form.
func signerOf(c *gin.Context) records.Signer {
	return records.Signer{Name: strings.TrimSpace(c.PostForm("signer")), Prefix: strings.TrimSpace(c.PostForm("prefix")),
		Authority: strings.TrimSpace(c.PostForm("authority"))}
}

// bodyDecision answers POST /to-chuc/ban/:id/quyet-dinh: the service builds and issues
// the decision establishing (or reorganising) the body with its members on the date; the
// user lands on the issued document's page.
func (p *Pages) bodyDecision(c *gin.Context) {
	id, ok := p.pathID(c, "Không có tổ chức (Ban, Tổ, Hội đồng) này trong hồ sơ.")
	if !ok {
		return
	}
	req := records.DecisionRequest{Date: committee.Date(strings.TrimSpace(c.PostForm("date"))), Signer: signerOf(c),
		Proposal: strings.TrimSpace(c.PostForm("proposal")), Issue: true}
	out, err := p.rec.Decision(c.Request.Context(), id, req)
	if err == nil && out.Document != nil {
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/van-ban/%d", out.Document.ID))
		return
	}
	p.bodyRefused(c, id, "quyet-dinh", err, []string{"date", "signer.name", "proposal"}, nil)
}
