// Package committee keeps committees and teams as records: people, bodies (Ban Chỉ đạo,
// Tổ bảo vệ an ninh, trật tự, Hội đồng thi đua, khen thưởng) and dated memberships, so that
// the composition of a body on any past date, and a member's years of service, follow from
// data instead of from the text of old decisions. The composition rules of each province
// (roles a body must have, team sizes by area kind) are data with their legal basis
// (templates/committees/*.json), replaceable per province without code.
//
// It holds types and rules only: it imports neither gin nor a database driver, and not the
// directory (the caller tells it which kind of area a team covers).
package committee
