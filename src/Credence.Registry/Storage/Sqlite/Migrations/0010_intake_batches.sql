-- Sources' intake history: one row per submission (a streamed submission's chunks add to it), with
-- the counts of its lines' fates, and every rejected line with its reason, for the source to read
-- and download. Written in the same transaction as the records the batch stored. Instants in UTC ticks.
CREATE TABLE intake_batches (
    id         TEXT NOT NULL PRIMARY KEY,
    source     TEXT NOT NULL,
    at         INTEGER NOT NULL,
    last_at    INTEGER NOT NULL,
    lines      INTEGER NOT NULL,
    accepted   INTEGER NOT NULL,
    duplicates INTEGER NOT NULL,
    rejected   INTEGER NOT NULL
) STRICT;
CREATE INDEX intake_batches_by_source ON intake_batches(source, at, id);
CREATE INDEX intake_batches_by_time ON intake_batches(at);

CREATE TABLE intake_rejections (
    seq        INTEGER PRIMARY KEY,
    batch_id   TEXT NOT NULL REFERENCES intake_batches(id),
    line       INTEGER NOT NULL,
    record     TEXT,
    version    INTEGER,
    type       TEXT NOT NULL,
    field      TEXT NOT NULL,
    message    TEXT NOT NULL
) STRICT;
CREATE INDEX intake_rejections_by_batch ON intake_rejections(batch_id, seq);

-- The operator's decisions over time read a range of days.
CREATE INDEX decisions_by_time ON decisions(decided_at);
