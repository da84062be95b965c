package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"vanthu/apperr"
	"vanthu/jobs"
	"vanthu/publish"
	"vanthu/secretariat"
)

// Options configures the router.
type Options struct {
	// MaxBody is the largest request body accepted, in bytes; larger bodies get 413.
	MaxBody int64
	Log     *slog.Logger
	// PDF makes the PDF routes' files; nil answers them 503.
	PDF *publish.Service
	// Jobs runs long work; nil answers the job routes 503.
	Jobs *jobs.Service
}

// handler holds what every handler needs.
type handler struct {
	svc  *secretariat.Service
	pdf  *publish.Service
	jobs *jobs.Service
	log  *slog.Logger
}

// New returns the HTTP handler of the API.
func New(svc *secretariat.Service, opt Options) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	h := &handler{svc: svc, pdf: opt.PDF, jobs: opt.Jobs, log: opt.Log}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(recoverJSON(opt.Log), logRequests(opt.Log), limitBody(opt.MaxBody, opt.Log))
	r.NoRoute(func(c *gin.Context) {
		fail(c, h.log, apperr.New(apperr.NotFound, msgNoSuchRoute))
	})
	r.NoMethod(func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusMethodNotAllowed,
			errorBody{Code: apperr.BadInput, Message: msgMethodNotAllowed})
	})

	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	api := r.Group("/api")
	api.GET("/forms", h.listForms)
	api.GET("/forms/:id", h.getForm)
	api.GET("/forms/:id/blank.docx", h.blankForm)

	api.GET("/units", h.listUnits)
	api.GET("/units/:id", h.getUnit)
	api.GET("/groups", h.listGroups)
	api.GET("/directory/units.csv", h.exportUnits)
	api.GET("/directory/groups.csv", h.exportGroups)
	api.PUT("/directory/units.csv", h.importUnits)
	api.PUT("/directory/groups.csv", h.importGroups)
	api.GET("/routing", h.listRules)

	api.POST("/route", h.route)
	api.POST("/preview", h.preview)
	api.POST("/preview.pdf", h.previewPDF)
	api.POST("/documents", h.createDocument)
	api.GET("/documents", h.listDocuments)
	api.GET("/documents/:id", h.getDocument)
	api.PUT("/documents/:id", h.updateDocument)
	api.GET("/documents/:id/docx", h.documentFile)
	api.GET("/documents/:id/pdf", h.documentPDF)
	api.POST("/documents/:id/issue", h.issueDocument)
	api.POST("/documents/:id/corrections", h.correctDocument)

	api.POST("/jobs/pdf", h.startPDFJob)
	api.GET("/jobs/:id", h.getJob)
	api.GET("/jobs/:id/result", h.jobResult)
	api.POST("/jobs/:id/cancel", h.cancelJob)

	api.GET("/register", h.listRegister)
	api.GET("/register.csv", h.registerCSV)
	api.GET("/register.xlsx", h.registerXLSX)
	return r
}
