// Package httpapi is the JSON API of vanthu over gin: it binds requests, calls the
// secretariat service and writes responses. It never runs SQL and holds no business rules;
// every error goes through one table that maps application error codes to HTTP statuses.
// It must not depend on storage: filters, limits and the Số, ký hiệu come from register.
package httpapi
