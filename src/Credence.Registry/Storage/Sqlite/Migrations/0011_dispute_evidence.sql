-- Credence registry schema, version 11: evidence files of disputes (issue 14, subject pages). A subject
-- sends up to 3 files (PDF, JPEG or PNG by their bytes, at most 5 MiB each) with a dispute or while it is
-- open; each is stored here beside the dispute, and its SHA-256 is in the dispute's ledgered case step
-- (opened or evidence-added), so the row itself needs no ledger entry of its own. Never updated or deleted.
CREATE TABLE dispute_evidence (
    dispute_id  TEXT    NOT NULL REFERENCES disputes(id),
    number      INTEGER NOT NULL,              -- 1, 2, 3 in the order the files arrived
    name        TEXT    NOT NULL,              -- the subject's name for the file (shown, never trusted)
    media_type  TEXT    NOT NULL,              -- from the file's bytes: application/pdf, image/jpeg, image/png
    size        INTEGER NOT NULL,
    sha256      TEXT    NOT NULL,              -- lowercase hexadecimal, as ledgered
    added_at    INTEGER NOT NULL,              -- UTC ticks
    added_by    TEXT    NOT NULL,
    content     BLOB    NOT NULL,
    PRIMARY KEY (dispute_id, number)
) STRICT, WITHOUT ROWID;
