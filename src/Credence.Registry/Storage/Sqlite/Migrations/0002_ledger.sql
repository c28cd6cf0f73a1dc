-- Credence registry schema, version 2: the ledger, inside the same database as the rows it covers,
-- so an entry is committed in the same transaction as its row (see src/Credence.Registry/Ledger/README.md).

CREATE TABLE ledger_entries (
    idx        INTEGER PRIMARY KEY,          -- leaf index, 0-based, contiguous
    kind       INTEGER NOT NULL,             -- 1 record version, 2 decision, 3 access event
    row_key    TEXT    NOT NULL,             -- records.id, decisions.id or access_log.id
    bytes      BLOB    NOT NULL,             -- the canonical entry
    leaf_hash  BLOB    NOT NULL,             -- RFC 6962 leaf hash of bytes
    subject    BLOB,                         -- the entry's salted subject commitment, to find a subject's own entries
    UNIQUE (kind, row_key)
) STRICT;
CREATE INDEX ledger_entries_by_subject ON ledger_entries(subject, idx) WHERE subject IS NOT NULL;

-- Hashes of leaves and complete subtrees in post-order (the layout of Credence.Ledger's FileNodeStore).
CREATE TABLE ledger_nodes (
    pos   INTEGER PRIMARY KEY,
    hash  BLOB    NOT NULL
) STRICT;

-- The per-registry secret that salts subject commitments; generated once, never leaves the database.
CREATE TABLE ledger_salt (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    salt  BLOB    NOT NULL
) STRICT;
INSERT INTO ledger_salt (id, salt) VALUES (1, randomblob(32));

CREATE TABLE checkpoints (
    id         INTEGER PRIMARY KEY,
    size       INTEGER NOT NULL,
    root       BLOB    NOT NULL,
    note       TEXT    NOT NULL,             -- the signed note (C2SP checkpoint)
    signed_at  INTEGER NOT NULL
) STRICT;
