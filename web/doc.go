// Package web serves the HTML pages of vanthu — sign-in, a home page per role, the
// secretariat's forms and register, the inspector's checklist on a phone, the units'
// template library — on the same router as the JSON API.
//
// Pages translate requests and answers only: every read and write goes through the same
// service methods as the API (secretariat, inspection), with the actor the API's one
// authenticate middleware put into the context, so the services decide every permission.
// Pages only hide links their actor could not use (access.Holds).
//
// Its HTML templates and static files live in web/templates and web/static, embedded in
// the binary and parsed once at start; they are code, kept apart from the data files under
// the top-level templates/ folder. Every page works with plain links and forms; the one
// small script (static/site.js) only makes saving feel instant. The package imports gin
// (it is an HTTP face) but never a database driver or storage.
package web
