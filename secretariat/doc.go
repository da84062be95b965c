// Package secretariat runs the secretariat's day: a form submission is validated, addressed
// by the routing rule of its form, previewed, kept as a draft, and issued — numbered in the
// outgoing register, rendered and stored in one transaction. It also serves blank templates,
// the register and the organisation directory.
//
// It joins the domain packages (forms, directory, generator, register) to a Store, which
// storage implements; it does not import storage, so that neither does httpapi, which
// imports it. It must not depend on HTTP: the httpapi package calls it, and the command line calls it for offline rendering.
package secretariat
