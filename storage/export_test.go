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

// MigrationVersions returns the versions of the embedded migrations of a dialect, in order.
func MigrationVersions(dialect string) ([]int, error) {
	ms, err := loadMigrations(dialect)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(ms))
	for i, m := range ms {
		out[i] = m.version
	}
	return out, nil
}
