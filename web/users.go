package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/access"
	"vanthu/accounts"
	"vanthu/apperr"
	"vanthu/directory"
	"vanthu/httpapi"
)

// userForm is the page that creates a user (ID 0) or edits one: login (new users only), full
// name, password, the roles with their units, and whether the account is locked.
type userForm struct {
	ID       int64
	Login    string
	Name     string
	Disabled bool
	Self     bool // the admin's own account: it cannot lock itself
	Grants   []access.UserGrant
	Roles    []choice // the roles an admin may give
	Units    []choice // the units the admin manages, the tree's order, indented by depth
	Errors   map[string]string
}

// The unit select's values that are not unit IDs: the whole organisation (access.Everywhere
// is "", which a form sends for nothing chosen), and nothing chosen.
const (
	everywhereChoice = "*"
	unitNotChosen    = "\x00"
	msgChooseUnit    = "Chọn đơn vị cho mỗi vai trò."
)

// choice is one option of a select.
type choice struct{ Value, Label string }

// Action is where the form posts.
func (f *userForm) Action() string {
	if f.ID == 0 {
		return "/quan-tri/nguoi-dung/moi"
	}
	return "/quan-tri/nguoi-dung/" + strconv.FormatInt(f.ID, 10)
}

// userNewPage answers GET /quan-tri/nguoi-dung/moi: the form for a new user.
func (p *Pages) userNewPage(c *gin.Context) {
	f := &userForm{Grants: []access.UserGrant{{}}}
	p.renderUserForm(c, http.StatusOK, f, "")
}

// userPage answers GET /quan-tri/nguoi-dung/:id: a user the admin manages, in a form (others
// are 404, as the service answers).
func (p *Pages) userPage(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		p.NotFound(c)
		return
	}
	u, err := p.accounts.User(c.Request.Context(), id)
	if err != nil {
		p.fail(c, err)
		return
	}
	f := &userForm{ID: u.ID, Login: u.Login, Name: u.Name, Disabled: u.Disabled,
		Grants: append(append([]access.UserGrant{}, u.Grants...), access.UserGrant{})}
	msg := ""
	if c.Query("da-luu") != "" {
		msg = "Đã lưu người dùng."
	}
	p.renderUserForm(c, http.StatusOK, f, msg)
}

// userPost answers POST /quan-tri/nguoi-dung/moi and /quan-tri/nguoi-dung/:id through
// accounts.Service.CreateUser and UpdateUser, which decide the scope: a role given outside
// it is refused (403) and shown at the roles, as each field's message at its field. The
// "add a row" button shows the form again with one more role row, saving nothing.
func (p *Pages) userPost(c *gin.Context) {
	ctx := c.Request.Context()
	f := &userForm{Login: c.PostForm("login"), Name: c.PostForm("name"), Disabled: c.PostForm("disabled") != ""}
	if idText := c.Param("id"); idText != "" {
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil {
			p.NotFound(c)
			return
		}
		// The login shown is the stored one; the service checks the scope again on saving.
		u, err := p.accounts.User(ctx, id)
		if err != nil {
			p.fail(c, err)
			return
		}
		f.ID, f.Login = u.ID, u.Login
	}
	roles, units := c.PostFormArray("role"), c.PostFormArray("unit")
	missingUnit := false
	for i, role := range roles {
		role = strings.TrimSpace(role)
		if role == "" {
			continue // an empty row
		}
		unit := ""
		if i < len(units) {
			unit = strings.TrimSpace(units[i])
		}
		switch unit {
		case "":
			// Not chosen: never read as the whole organisation, which access.Everywhere is.
			missingUnit = true
			unit = unitNotChosen
		case everywhereChoice:
			unit = access.Everywhere
		}
		f.Grants = append(f.Grants, access.UserGrant{Role: role, UnitID: unit})
	}
	if c.PostForm("action") == "add-row" {
		f.Grants = append(f.Grants, access.UserGrant{})
		p.renderUserForm(c, http.StatusOK, f, "")
		return
	}
	if missingUnit {
		f.Errors = map[string]string{"roles": msgChooseUnit}
		p.renderUserFormError(c, http.StatusUnprocessableEntity, f, "")
		return
	}
	password := c.PostForm("password")
	var err error
	if f.ID == 0 {
		var u access.User
		u, err = p.accounts.CreateUser(ctx, accounts.NewUser{Login: f.Login, Name: f.Name, Password: password, Roles: f.Grants})
		if err == nil {
			c.Redirect(http.StatusSeeOther, "/quan-tri/nguoi-dung?da-tao="+strconv.FormatInt(u.ID, 10))
			return
		}
	} else {
		_, err = p.accounts.UpdateUser(ctx, f.ID, accounts.UserUpdate{Name: f.Name, Disabled: f.Disabled, Roles: f.Grants, Password: password})
		if err == nil {
			c.Redirect(http.StatusSeeOther, f.Action()+"?da-luu=1")
			return
		}
	}
	status, e := httpapi.Status(err), apperr.As(err)
	if status >= 500 || e.Code == apperr.NotFound || e.Code == apperr.Unauthenticated {
		p.fail(c, err)
		return
	}
	f.Errors = map[string]string{}
	for field, msg := range e.Fields {
		if field == "role" {
			field = "roles" // an unknown role, from the roles' rows
		}
		f.Errors[field] = msg
	}
	top := ""
	switch {
	case e.Code == apperr.Forbidden && !access.Holds(access.FromContext(ctx), access.UserManage):
		p.fail(c, err)
		return
	case e.Code == apperr.Forbidden:
		// A role in a unit outside the admin's scope: said at the roles.
		f.Errors["roles"] = e.Message
	case len(e.Fields) == 0:
		top = e.Message
	}
	if _, known := fieldsOf(f.Errors, "login", "name", "password", "roles", "disabled"); !known {
		top = e.Message + " " + joinMessages(e.Fields)
	}
	f.Grants = append(f.Grants, access.UserGrant{})
	p.renderUserFormError(c, status, f, top)
}

func (p *Pages) renderUserForm(c *gin.Context, status int, f *userForm, msg string) {
	p.renderUser(c, status, f, msg, "")
}

func (p *Pages) renderUserFormError(c *gin.Context, status int, f *userForm, top string) {
	p.renderUser(c, status, f, "", top)
}

// renderUser fills the form's choices from the service (the roles, for who manages users)
// and the tree (the units the admin manages) and draws it.
func (p *Pages) renderUser(c *gin.Context, status int, f *userForm, msg, top string) {
	ctx := c.Request.Context()
	roles, err := p.accounts.ListRoles(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, r := range roles {
		f.Roles = append(f.Roles, choice{r.ID, r.Name})
	}
	a := access.FromContext(ctx)
	f.Self = a != nil && f.ID != 0 && a.UserID == f.ID
	tree := p.svc.Tree()
	if access.Can(a, access.UserManage, access.Everywhere, tree) {
		f.Units = append(f.Units, choice{everywhereChoice, "Toàn hệ thống"})
	}
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, u := range tree.Children(parent) {
			if access.Can(a, access.UserManage, u.ID, tree) {
				f.Units = append(f.Units, choice{u.ID, strings.Repeat("\u00a0\u00a0", depth) + u.Name})
			}
			walk(u.ID, depth+1)
		}
	}
	walk("", 0)
	// A grant already held in a unit no longer listed (or typed by hand) stays selectable.
	for i, g := range f.Grants {
		switch {
		case g.Role == "" || g.UnitID == unitNotChosen:
			f.Grants[i].UnitID = ""
		case g.UnitID == access.Everywhere:
			f.Grants[i].UnitID = everywhereChoice
			if !hasChoice(f.Units, everywhereChoice) {
				f.Units = append(f.Units, choice{everywhereChoice, "Toàn hệ thống"})
			}
		case !hasChoice(f.Units, g.UnitID):
			f.Units = append(f.Units, choice{g.UnitID, unitLabel(tree, g.UnitID)})
		}
	}
	title := "Thêm người dùng"
	if f.ID != 0 {
		title = "Người dùng " + f.Login
	}
	p.render(c, status, "user", view{Title: title, Message: msg, Error: top, Data: f})
}

func hasChoice(cs []choice, v string) bool {
	for _, c := range cs {
		if c.Value == v {
			return true
		}
	}
	return false
}

// unitLabel is a unit's name, or its id when the tree does not have it.
func unitLabel(tree *directory.Tree, id string) string {
	if u, ok := tree.Unit(id); ok {
		return u.Name
	}
	return id
}
