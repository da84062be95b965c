package storage

// HoldWrites takes the SQLite write token, so that writes queue until release is called;
// the next batch then runs all of them.
func HoldWrites(db *DB) (release func()) {
	db.writes <- struct{}{}
	return func() { <-db.writes }
}

// QueuedWrites reports how many writes wait for the next batch.
func QueuedWrites(db *DB) int {
	db.batch.mu.Lock()
	defer db.batch.mu.Unlock()
	return len(db.batch.queue)
}

// MigrationVersions lists the versions of the migrations of dialect, in order.
func MigrationVersions(dialect string) []int {
	migrations, err := loadMigrations(dialect)
	if err != nil {
		panic(err)
	}
	out := make([]int, len(migrations))
	for i, m := range migrations {
		out[i] = m.version
	}
	return out
}

// HoldReads takes every turn to read, so that reads queue until release is called.
func HoldReads(db *DB) (release func()) {
	for range cap(db.reads) {
		db.reads <- struct{}{}
	}
	return func() {
		for range cap(db.reads) {
			<-db.reads
		}
	}
}
