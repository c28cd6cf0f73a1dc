-- Credence registry schema, version 1.
-- Instants are INTEGER UTC ticks (100 ns since 0001-01-01), so comparisons are exact and cheap.
-- Enumerations are INTEGER codes of the Core enums; roles and outcomes are their wire names.

CREATE TABLE principals (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL,
    subject       TEXT,
    purpose       TEXT,
    record_types  TEXT    NOT NULL,          -- space-separated
    capabilities  TEXT    NOT NULL,          -- space-separated
    created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE api_keys (
    id            INTEGER PRIMARY KEY,
    principal_id  INTEGER NOT NULL REFERENCES principals(id),
    key_hash      BLOB    NOT NULL UNIQUE,   -- SHA-256 of the key; the key itself is never stored
    created_at    INTEGER NOT NULL,
    revoked_at    INTEGER
) STRICT;

CREATE TABLE policies (
    tag           TEXT    PRIMARY KEY,       -- id@version
    policy_id     TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    subjects      INTEGER NOT NULL,
    yaml          TEXT    NOT NULL,
    uploaded_at   INTEGER NOT NULL,
    uploaded_by   TEXT    NOT NULL
) STRICT;

CREATE TABLE policy_activations (
    id             INTEGER PRIMARY KEY,
    tag            TEXT    NOT NULL REFERENCES policies(tag),
    subjects       INTEGER NOT NULL,
    effective_from INTEGER NOT NULL,
    activated_at   INTEGER NOT NULL,
    activated_by   TEXT    NOT NULL
) STRICT;

CREATE TABLE records (
    id               INTEGER PRIMARY KEY,
    source           TEXT    NOT NULL,
    source_record_id TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    action           INTEGER NOT NULL,
    subject          TEXT    NOT NULL,
    type             TEXT    NOT NULL,
    area             INTEGER NOT NULL,
    occurred_at      INTEGER NOT NULL,
    reported_at      INTEGER NOT NULL,
    legal_basis      TEXT,
    quantity         TEXT,                   -- decimal, invariant culture
    note             TEXT,
    UNIQUE (source, source_record_id, version)
) STRICT;
CREATE INDEX records_by_subject ON records(subject);

CREATE TABLE subject_state (
    subject       TEXT    PRIMARY KEY,
    kind          INTEGER NOT NULL,
    policy_tag    TEXT    NOT NULL,
    status        INTEGER NOT NULL,
    score         INTEGER,
    grade         TEXT,
    lists         TEXT    NOT NULL,          -- space-separated list ids
    evaluated_at  INTEGER NOT NULL,
    review_at     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX subject_state_by_review ON subject_state(review_at);

CREATE TABLE listings (
    id            INTEGER PRIMARY KEY,
    subject       TEXT    NOT NULL,
    list          TEXT    NOT NULL,
    policy_tag    TEXT    NOT NULL,
    published     INTEGER NOT NULL,
    since         INTEGER,
    until         INTEGER,
    ended_at      INTEGER
) STRICT;
CREATE INDEX listings_by_subject ON listings(subject);
CREATE INDEX listings_open_by_list ON listings(list, since, subject) WHERE ended_at IS NULL;

CREATE TABLE materialised_policies (
    kind          INTEGER PRIMARY KEY,
    policy_tag    TEXT    NOT NULL
) STRICT;

CREATE TABLE decisions (
    id            TEXT    PRIMARY KEY,       -- GUID v7: time-ordered, so inserts append
    subject       TEXT    NOT NULL,
    principal_id  INTEGER NOT NULL,
    relying_party TEXT    NOT NULL,
    purpose       TEXT,
    measure       TEXT    NOT NULL,
    capability    TEXT    NOT NULL,
    allowed       INTEGER NOT NULL,
    reasons       TEXT    NOT NULL,          -- JSON array
    measures      TEXT    NOT NULL,          -- space-separated measure ids
    policy_tag    TEXT    NOT NULL,
    decided_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX decisions_by_subject ON decisions(subject, decided_at);

CREATE TABLE access_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    principal_id  INTEGER,
    principal     TEXT    NOT NULL,
    role          TEXT,
    action        TEXT    NOT NULL,
    subject       TEXT,
    purpose       TEXT,
    outcome       INTEGER NOT NULL,
    detail        TEXT
) STRICT;
CREATE INDEX access_log_by_subject ON access_log(subject, at) WHERE subject IS NOT NULL;
