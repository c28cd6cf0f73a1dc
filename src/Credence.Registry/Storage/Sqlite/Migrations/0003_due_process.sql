-- Credence registry schema, version 3: due process (issue 4). Disputes, repair applications and
-- appeals are current-state tables for queries; every step of each is also an immutable row of
-- case_steps, which gets a ledger entry in the same transaction (kind 4, see Ledger/README.md).

CREATE TABLE disputes (
    id               TEXT    PRIMARY KEY,       -- GUID v7
    subject          TEXT    NOT NULL,
    source           TEXT    NOT NULL,          -- the record's source: the one that must answer
    source_record_id TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    evidence         TEXT,
    opened_at        INTEGER NOT NULL,
    due_at           INTEGER NOT NULL,          -- the first instant at which an answer is too late
    state            INTEGER NOT NULL,          -- Core DisputeState: 1 open, 2 verified, 3 corrected, 4 withdrawn, 5 resolved for the subject
    answer           INTEGER,                   -- Core DisputeAnswerKind
    answer_reason    TEXT,
    answer_version   INTEGER,                   -- the record version the answer or the resolution wrote
    closed_at        INTEGER,
    policy_tag       TEXT    NOT NULL           -- the policy whose deadline applied
) STRICT, WITHOUT ROWID;
CREATE INDEX disputes_by_subject ON disputes(subject);


CREATE INDEX disputes_by_source ON disputes(source, state, due_at);

CREATE TABLE repairs (
    id               TEXT    PRIMARY KEY,       -- GUID v7
    subject          TEXT    NOT NULL,
    source           TEXT    NOT NULL,
    source_record_id TEXT    NOT NULL,
    applied_at       INTEGER NOT NULL,
    policy_tag       TEXT    NOT NULL,
    type             TEXT,
    opens_at         INTEGER,
    needs_one_of     TEXT    NOT NULL,          -- space-separated record types
    fulfilled_by     TEXT,                      -- record key source/id
    unmet            TEXT    NOT NULL,          -- JSON array of Core refusals (empty when granted at once)
    effective_at     INTEGER                    -- when the record's effect ends: set when granted (at once or on appeal)
) STRICT, WITHOUT ROWID;
CREATE INDEX repairs_by_subject ON repairs(subject);
CREATE INDEX repairs_granted ON repairs(subject) WHERE effective_at IS NOT NULL;

CREATE TABLE appeals (
    id               TEXT    PRIMARY KEY,       -- GUID v7
    repair_id        TEXT    NOT NULL UNIQUE REFERENCES repairs(id),   -- one appeal per refusal
    subject          TEXT    NOT NULL,
    grounds          TEXT    NOT NULL,
    filed_at         INTEGER NOT NULL,
    state            INTEGER NOT NULL,          -- Core AppealState: 1 pending, 2 granted, 3 upheld
    reviewer         TEXT,
    reason           TEXT,
    decided_at       INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX appeals_by_subject ON appeals(subject);
CREATE INDEX appeals_pending ON appeals(filed_at) WHERE state = 1;

CREATE TABLE case_steps (
    id               INTEGER PRIMARY KEY,
    at               INTEGER NOT NULL,
    case_id          TEXT    NOT NULL,
    case_kind        TEXT    NOT NULL,          -- dispute | repair | appeal
    step             TEXT    NOT NULL,          -- e.g. opened, answered.withdraw, resolved-for-subject, granted, refused, filed, upheld
    actor_id         INTEGER,                   -- the principal's id; null for the registry itself
    actor            TEXT    NOT NULL,          -- the principal's name, or 'registry'
    subject          TEXT    NOT NULL,
    record           TEXT    NOT NULL,          -- record key source/id
    detail           TEXT    NOT NULL           -- JSON object
) STRICT;
CREATE INDEX case_steps_by_subject ON case_steps(subject, id);
CREATE INDEX case_steps_by_case ON case_steps(case_id, id);

CREATE TABLE notices (
    id               INTEGER PRIMARY KEY,
    subject          TEXT    NOT NULL,
    at               INTEGER NOT NULL,
    kind             INTEGER NOT NULL,          -- Core NoticeKind
    policy_tag       TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    reasons          TEXT    NOT NULL,          -- JSON array of {code, text}
    next_steps       TEXT    NOT NULL           -- JSON array of {action, text, from?, until?}
) STRICT;
CREATE INDEX notices_by_subject ON notices(subject, id);

CREATE TABLE decision_marks (
    decision_id      TEXT    PRIMARY KEY REFERENCES decisions(id),
    subject          TEXT    NOT NULL,
    marked_at        INTEGER NOT NULL,
    cause            TEXT    NOT NULL,
    relying_party    TEXT    NOT NULL,
    corrected        INTEGER NOT NULL,          -- 1 when the decision, re-taken, is allowed
    wrong_records    TEXT    NOT NULL           -- space-separated record keys
) STRICT, WITHOUT ROWID;
CREATE INDEX decision_marks_by_subject ON decision_marks(subject);

CREATE TABLE scheduler_checkpoint (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    after            INTEGER NOT NULL           -- the instant up to which the scheduler has acted on every due transition
) STRICT;
