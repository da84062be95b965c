// Package commendation holds awards as data and the proposals that gather nominees for
// them. An award (templates/awards/*.json) says who grants it at which level, what a
// nominee must meet and the council vote it needs, each with its legal basis (Law 06/2022/
// QH15, Decree 152/2025/NĐ-CP, Decree 129/2025/NĐ-CP art. 59, Circular 20/2025/TT-BCA).
// Eligibility is checked from records: a residential area's recognition as "An toàn về an
// ninh, trật tự" comes through RecognitionSource, a person's service years from the
// committee package's memberships, and each refusal names the condition.
//
// It imports neither gin nor a database driver, nor the directory: the caller resolves the
// awarding authority from the Authority an award names.
package commendation
