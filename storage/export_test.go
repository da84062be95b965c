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

// MigrationVersions returns the versions of the dialect's migration files, in order.
func MigrationVersions(dialect string) ([]int, error) {
	migrations, err := loadMigrations(dialect)
	if err != nil {
		return nil, err
	}
	var v []int
	for _, m := range migrations {
		v = append(v, m.version)
	}
	return v, nil
}
