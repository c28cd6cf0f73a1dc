-- Credence registry schema for PostgreSQL, version 2: the ledger, in the same database as the rows
-- it covers, so an entry commits in the same transaction as its row (see Ledger/README.md).

CREATE TABLE ledger_entries (
    idx        bigint  PRIMARY KEY,            -- leaf index, 0-based, contiguous
    kind       integer NOT NULL,               -- Credence.Registry.Ledger.EntryKind
    row_key    text    NOT NULL,               -- the covered row's key
    bytes      bytea   NOT NULL,               -- the canonical entry
    leaf_hash  bytea   NOT NULL,               -- RFC 6962 leaf hash of bytes
    subject    bytea,                          -- the salted subject commitment, to find a subject's own entries
    UNIQUE (kind, row_key)
);
CREATE INDEX ledger_entries_by_subject ON ledger_entries(subject, idx) WHERE subject IS NOT NULL;

-- Hashes of leaves and complete subtrees in post-order.
CREATE TABLE ledger_nodes (
    pos   bigint PRIMARY KEY,
    hash  bytea  NOT NULL
);

-- The per-registry secret that salts subject commitments; generated once, never leaves the database.
CREATE TABLE ledger_salt (
    id    integer PRIMARY KEY CHECK (id = 1),
    salt  bytea   NOT NULL CHECK (length(salt) = 32)
);
-- gen_random_uuid() draws from the server's strong random source (built in since PostgreSQL 13);
-- two version-4 UUIDs give 244 random bits in 32 bytes, with no extension needed.
INSERT INTO ledger_salt (id, salt)
VALUES (1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

CREATE TABLE checkpoints (
    id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    size       bigint  NOT NULL,
    root       bytea   NOT NULL,
    note       text    NOT NULL,               -- the signed note (C2SP checkpoint)
    signed_at  bigint  NOT NULL
);
