-- Credence registry schema for PostgreSQL, version 5: sources' intake history. One row per
-- submission (a streamed submission's chunks add to it) with the counts of its lines' fates, and
-- every rejected line with its reason, for the source to read and download; written in the same
-- transaction as the records the batch stored. Instants in UTC ticks.
CREATE TABLE intake_batches (
    id         text   COLLATE "C" PRIMARY KEY,
    source     text   NOT NULL,
    at         bigint NOT NULL,
    last_at    bigint NOT NULL,
    lines      bigint NOT NULL,
    accepted   bigint NOT NULL,
    duplicates bigint NOT NULL,
    rejected   bigint NOT NULL
);
CREATE INDEX intake_batches_by_source ON intake_batches (source, at, id);
CREATE INDEX intake_batches_by_time ON intake_batches (at);

CREATE TABLE intake_rejections (
    seq        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id   text    COLLATE "C" NOT NULL REFERENCES intake_batches(id),
    line       integer NOT NULL,
    record     text,
    version    integer,
    type       text    NOT NULL,
    field      text    NOT NULL,
    message    text    NOT NULL
);
CREATE INDEX intake_rejections_by_batch ON intake_rejections (batch_id, seq);

-- The operator's decisions over time read a range of days.
CREATE INDEX decisions_by_time ON decisions (decided_at);
