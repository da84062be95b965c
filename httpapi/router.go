package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"vanthu/accounts"
	"vanthu/apperr"
	"vanthu/inspection"
	"vanthu/jobs"
	"vanthu/publish"
	"vanthu/records"
	"vanthu/secretariat"
)

// Options configures the router.
type Options struct {
	// MaxBody is the largest request body accepted, in bytes; larger bodies get 413.
	MaxBody int64
	Log     *slog.Logger
	// MaxUpload is the body limit of file uploads (registration files); MaxBody when 0.
	MaxUpload int64
	// Inspection serves the "An toàn về an ninh, trật tự" recognition; nil leaves its
	// routes out.
	Inspection *inspection.Service
	// Accounts finds the actor of each request and answers the session, user, token and
	// audit routes. Required.
	Accounts *accounts.Service
	// SecureCookies marks the session cookie Secure even when the server itself speaks
	// plain HTTP behind a TLS-terminating proxy (it is Secure anyway over TLS).
	SecureCookies bool
	// Records, when set, serves the committees, teams and commendation proposals.
	Records *records.Service
	// Pages, when set, are the HTML pages mounted beside the API (package web).
	Pages Pages
	// PDF makes the PDF routes' files; nil answers them 503.
	PDF *publish.Service
	// Jobs runs long work; nil answers the job routes 503.
	Jobs JobQueue
}

// JobQueue is the queue of long work as the API uses it (jobs/riverqueue.Service): the
// HTTP layer speaks of jobs without linking the queue's drivers.
type JobQueue interface {
	StartPDFBatch(ctx context.Context, req jobs.PDFBatchRequest) (jobs.Job, error)
	Job(ctx context.Context, id int64) (jobs.Job, error)
	Cancel(ctx context.Context, id int64) (jobs.Job, error)
	Result(ctx context.Context, id int64) (jobs.Result, error)
}

// handler holds what every handler needs.
type handler struct {
	svc           *secretariat.Service
	insp          *inspection.Service
	accounts      *accounts.Service
	pdf           *publish.Service
	jobs          JobQueue
	log           *slog.Logger
	secureCookies bool
	// openPages are the page routes that need no actor (Pages.OpenPages).
	openPages map[string]bool
}

// New returns the HTTP handler of the API.
func New(svc *secretariat.Service, opt Options) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.Accounts == nil {
		panic("httpapi: Options.Accounts is required: every route but /healthz needs an actor")
	}
	h := &handler{svc: svc, insp: opt.Inspection, accounts: opt.Accounts, pdf: opt.PDF, jobs: opt.Jobs, log: opt.Log, secureCookies: opt.SecureCookies}
	if opt.Pages != nil {
		h.openPages = map[string]bool{}
		for _, p := range opt.Pages.OpenPages() {
			h.openPages[p] = true
		}
	}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	var pages *gin.Engine
	if opt.Pages != nil {
		pages = r
	}
	r.Use(recoverJSON(opt.Log), logRequests(opt.Log), limitBody(opt.MaxBody, uploadLimits(opt), opt.Log, pages), h.authenticate)
	r.NoRoute(func(c *gin.Context) {
		if nf, ok := opt.Pages.(PageNotFound); ok && isPage(c.Request.URL.Path) {
			nf.NotFound(c) // a page address: an HTML page; the API keeps its JSON 404
			return
		}
		fail(c, h.log, apperr.New(apperr.NotFound, msgNoSuchRoute))
	})
	r.NoMethod(func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusMethodNotAllowed,
			errorBody{Code: apperr.BadInput, Message: msgMethodNotAllowed})
	})

	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	api := r.Group("/api")
	api.POST("/session", h.signIn)
	api.DELETE("/session", h.signOut)
	api.GET("/me", h.getMe)
	api.PUT("/me/password", h.changePassword)
	api.GET("/tokens", h.listTokens)
	api.POST("/tokens", h.createToken)
	api.DELETE("/tokens/:id", h.revokeToken)
	api.GET("/roles", h.listRoles)
	api.GET("/users", h.listUsers)
	api.POST("/users", h.createUser)
	api.GET("/users/:id", h.getUser)
	api.PUT("/users/:id", h.updateUser)
	api.GET("/audit", h.listAudit)
	api.GET("/audit.csv", h.auditCSV)

	api.GET("/forms", h.listForms)
	api.GET("/forms/:id", h.getForm)
	api.GET("/forms/:id/blank.docx", h.blankForm)

	api.GET("/units", h.listUnits)
	api.GET("/units/:id", h.getUnit)
	api.PUT("/units/:id", h.updateUnit)
	api.GET("/groups", h.listGroups)
	api.GET("/directory/units.csv", h.exportUnits)
	api.GET("/directory/groups.csv", h.exportGroups)
	api.PUT("/directory/units.csv", h.importUnits)
	api.PUT("/directory/groups.csv", h.importGroups)
	api.GET("/routing", h.listRules)

	api.POST("/route", h.route)
	api.POST("/preview", h.preview)
	api.POST("/preview.pdf", h.previewPDF)
	api.POST("/documents", h.idempotent, h.createDocument)
	api.GET("/documents", h.listDocuments)
	api.GET("/documents/:id", h.getDocument)
	api.PUT("/documents/:id", h.updateDocument)
	api.GET("/documents/:id/docx", h.documentFile)
	api.GET("/documents/:id/pdf", h.documentPDF)
	api.POST("/documents/:id/issue", h.idempotent, h.issueDocument)
	api.POST("/documents/:id/corrections", h.idempotent, h.correctDocument)

	api.POST("/jobs/pdf", h.startPDFJob)
	api.GET("/jobs/:id", h.getJob)
	api.GET("/jobs/:id/result", h.jobResult)
	api.POST("/jobs/:id/cancel", h.cancelJob)

	api.GET("/register", h.listRegister)
	api.GET("/register.csv", h.registerCSV)
	api.GET("/register.xlsx", h.registerXLSX)
	api.GET("/register/secret", h.listSecretRegister)
	api.GET("/register/secret.csv", h.secretRegisterCSV)
	api.GET("/register/secret.xlsx", h.secretRegisterXLSX)

	if h.insp != nil {
		h.inspectionRoutes(api)
	}
	if opt.Records != nil {
		recordRoutes(api, &recordHandler{svc: opt.Records, handler: h})
	}
	if opt.Pages != nil {
		opt.Pages.Mount(r, Sessions{h: h})
	}
	return r
}

// uploadLimits gives the routes that receive files their own body limit.
func uploadLimits(opt Options) map[string]int64 {
	if opt.MaxUpload <= opt.MaxBody {
		return nil
	}
	// The registration page (package web) sends the same files from a form.
	return map[string]int64{registrationPath: opt.MaxUpload, "/kiem-tra/:round/:object/dang-ky": opt.MaxUpload}
}

// Route is one route of the router: its method and path pattern.
type Route struct{ Method, Path string }

// Routes lists the routes of a handler New returned, so tests can hold every route to an
// access rule: a route added without one fails them.
func Routes(h http.Handler) []Route {
	e, ok := h.(*gin.Engine)
	if !ok {
		return nil
	}
	var out []Route
	for _, r := range e.Routes() {
		out = append(out, Route{r.Method, r.Path})
	}
	return out
}
