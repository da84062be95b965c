-- What vanthu keeps of a River job beside River's own river_job row: its progress, a
-- cancellation asked for, and its one result. job_id is the river_job id; the primary key
-- of job_results is what makes a job that ran twice (after a crash) still have one result.

CREATE TABLE job_progress (
    job_id           BIGINT  PRIMARY KEY,
    done             INTEGER NOT NULL DEFAULT 0,
    total            INTEGER NOT NULL DEFAULT 0,
    cancel_requested INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE job_results (
    job_id       BIGINT PRIMARY KEY,
    name         TEXT   NOT NULL,
    content_type TEXT   NOT NULL,
    sha256       TEXT   NOT NULL,
    content      BYTEA  NOT NULL
);
