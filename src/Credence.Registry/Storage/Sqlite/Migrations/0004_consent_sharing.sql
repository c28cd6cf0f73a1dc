-- Credence registry schema, version 4: consent and sharing by consent (issue 4).

-- Each change of a subject's consent to scoring, append-only. The consent in force at an instant is
-- the latest change at or before it (ties: the later row); no row means no consent.
CREATE TABLE consents (
    id        INTEGER PRIMARY KEY,
    subject   TEXT    NOT NULL,
    given     INTEGER NOT NULL,             -- 1 given, 0 withdrawn
    at        INTEGER NOT NULL,
    by        TEXT    NOT NULL              -- the principal that made the change
) STRICT;
CREATE INDEX consents_by_subject ON consents(subject, at, id);

-- Share codes a subject created for its grade. The code itself is never stored, only its SHA-256.
CREATE TABLE shares (
    id             INTEGER PRIMARY KEY,
    subject        TEXT    NOT NULL,
    code_hash      BLOB    NOT NULL UNIQUE,
    relying_party  TEXT,                    -- principal name; NULL: any relying party
    purpose        TEXT,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    revoked_at     INTEGER,
    uses           INTEGER NOT NULL DEFAULT 0,
    last_used_at   INTEGER
) STRICT;
CREATE INDEX shares_by_subject ON shares(subject, id);
