-- Commendation proposals (issue 13): a proposal gathers nominees for one award in one
-- year; votes are the council's counts per nominee; area_recognitions holds the residential
-- areas recognised "An toàn về an ninh, trật tự" per year until the inspection records
-- answer that question themselves.

CREATE TABLE proposals (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    award_id      TEXT    NOT NULL,
    year          INTEGER NOT NULL,
    proposer_id   TEXT    NOT NULL,
    council_id    BIGINT  NULL REFERENCES bodies (id),
    movement      TEXT    NOT NULL,
    summary       TEXT    NOT NULL,
    meeting_on    TEXT    NULL,
    submission_id BIGINT  NULL REFERENCES documents (id),
    minutes_id    BIGINT  NULL REFERENCES documents (id),
    -- decision_id: the award decision (quyết định khen thưởng) once the award is granted.
    decision_id   BIGINT  NULL REFERENCES documents (id)
);

CREATE INDEX proposals_year ON proposals (year, proposer_id);

CREATE TABLE nominees (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    kind        TEXT   NOT NULL CHECK (kind IN ('person', 'area', 'collective')),
    person_id   BIGINT NULL REFERENCES people (id),
    unit_id     TEXT   NOT NULL DEFAULT '',
    name        TEXT   NOT NULL,
    position    TEXT   NOT NULL DEFAULT '',
    achievement TEXT   NOT NULL DEFAULT '',
    -- certificate_id: the Giấy khen issued to the nominee with the award decision.
    certificate_id BIGINT NULL REFERENCES documents (id)
);

CREATE INDEX nominees_proposal ON nominees (proposal_id);

CREATE TABLE votes (
    nominee_id BIGINT  NOT NULL PRIMARY KEY REFERENCES nominees (id) ON DELETE CASCADE,
    in_favour  INTEGER NOT NULL CHECK (in_favour >= 0),
    members    INTEGER NOT NULL CHECK (members > 0 AND in_favour <= members)
);

CREATE TABLE area_recognitions (
    year    INTEGER NOT NULL,
    unit_id TEXT    NOT NULL,
    PRIMARY KEY (year, unit_id)
);
