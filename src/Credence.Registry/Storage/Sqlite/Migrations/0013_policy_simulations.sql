-- Credence registry schema, version 13: policy simulations and sign-offs (issue 15, the two-person rule).
-- A report is stored as its canonical JSON (subject ids masked) with the digest that names it; the
-- sampled subjects' ids are kept apart, for a reader who states a purpose. Each report and each
-- sign-off is also an access event in the ledger naming its digest, so the rows need no entry of their own.
CREATE TABLE simulation_reports (
    id              TEXT    PRIMARY KEY,       -- time-ordered GUID
    policy_tag      TEXT    NOT NULL,          -- the draft simulated
    policy_digest   TEXT    NOT NULL,          -- the digest of the draft's exact text
    against_tag     TEXT,                      -- the baseline; NULL when none governed the kind
    as_of           INTEGER NOT NULL,          -- UTC ticks
    created_at      INTEGER NOT NULL,
    created_by      TEXT    NOT NULL,
    digest          TEXT    NOT NULL UNIQUE,   -- sha256: of the canonical report
    report          TEXT    NOT NULL,
    sample_subjects TEXT    NOT NULL           -- JSON array of the sample's subject ids, in its order
) STRICT;
CREATE INDEX simulation_reports_by_policy ON simulation_reports (policy_tag, created_at);

CREATE TABLE policy_sign_offs (
    id            INTEGER PRIMARY KEY,
    policy_tag    TEXT    NOT NULL,
    report_digest TEXT    NOT NULL,
    signed_by     TEXT    NOT NULL,
    signed_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX policy_sign_offs_by_policy ON policy_sign_offs (policy_tag, id);
