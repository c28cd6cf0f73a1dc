-- Credence registry schema for PostgreSQL, version 6: evidence files of disputes (as SQLite's version 11).
-- Up to 3 files a dispute (PDF, JPEG or PNG by their bytes, at most 5 MiB each), stored beside it; each
-- file's SHA-256 is in the dispute's ledgered case step, so the row has no ledger entry of its own.
CREATE TABLE dispute_evidence (
    dispute_id  text    NOT NULL REFERENCES disputes(id),
    number      integer NOT NULL,              -- 1, 2, 3 in the order the files arrived
    name        text    NOT NULL,              -- the subject's name for the file (shown, never trusted)
    media_type  text    NOT NULL,              -- from the file's bytes
    size        bigint  NOT NULL,
    sha256      text    NOT NULL,              -- lowercase hexadecimal, as ledgered
    added_at    bigint  NOT NULL,              -- UTC ticks
    added_by    text    NOT NULL,
    content     bytea   NOT NULL,
    PRIMARY KEY (dispute_id, number)
);
