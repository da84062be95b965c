// Package idempotency holds the rules of retry-safe requests: a client that sends an
// Idempotency-Key header with a request that creates or issues something gets, for the same
// key and the same request within TTL, the first answer again instead of the work done
// twice. It defines the stored record, what a valid key is, how a request is fingerprinted
// and the Vietnamese messages; storage keeps the records and the secretariat applies the
// rules. It depends on apperr only: no HTTP, no database.
package idempotency
