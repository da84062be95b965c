// Package register holds the documents of the secretariat and the lines of the outgoing
// register (sổ đăng ký văn bản đi, Decree 30/2020/NĐ-CP, Annex IV). It is types only: the
// storage package numbers and keeps them, the secretariat fills them.
package register
