package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
)

// safeNext keeps a "next" address only when it is a path of this site, so the sign-in page
// cannot send anyone elsewhere.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// signInPage answers GET /dang-nhap.
func (p *Pages) signInPage(c *gin.Context) {
	p.render(c, http.StatusOK, "signin", view{Title: "Đăng nhập", Data: safeNext(c.Query("next"))})
}

// signIn answers POST /dang-nhap: the session cookie and back to where the user was going.
func (p *Pages) signIn(c *gin.Context) {
	next := safeNext(c.PostForm("next"))
	if err := p.sess.SignIn(c, c.PostForm("login"), c.PostForm("password")); err != nil {
		status := http.StatusUnauthorized
		if apperr.CodeOf(err) == apperr.Internal {
			status = http.StatusInternalServerError
		}
		p.render(c, status, "signin", view{Title: "Đăng nhập", Error: apperr.As(err).Message, Data: next})
		return
	}
	c.Redirect(http.StatusSeeOther, next)
}

// signOut answers POST /dang-xuat.
func (p *Pages) signOut(c *gin.Context) {
	if err := p.sess.SignOut(c); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/dang-nhap")
}

// home answers GET /: what the actor may do.
func (p *Pages) home(c *gin.Context) {
	p.render(c, http.StatusOK, "home", view{Title: "Trang chủ"})
}
