-- Credence registry schema, version 5: disputes escalated to a reviewer (issue 4, item 2).
-- A subject may escalate a verified dispute once; a reviewer upholds the verification or finds the
-- record wrong, after which the source must correct or withdraw it by a new due_at (3 working days).
-- Each of these is also a ledgered case step; these columns are the current state for queries.
-- disputes.state gains Core DisputeState 6 escalated, 7 upheld, 8 found wrong (waiting for the source, like 1).

ALTER TABLE disputes ADD COLUMN escalation_reason TEXT;      -- the subject's reason for asking a person
ALTER TABLE disputes ADD COLUMN escalated_at      INTEGER;
ALTER TABLE disputes ADD COLUMN reviewer          TEXT;      -- the reviewer who decided
ALTER TABLE disputes ADD COLUMN finding           INTEGER;   -- Core DisputeFinding: 1 upheld, 2 found wrong
ALTER TABLE disputes ADD COLUMN finding_reason    TEXT;      -- the reviewer's written reason, which the subject sees
ALTER TABLE disputes ADD COLUMN decided_at        INTEGER;

-- The reviewers' queue: escalated disputes, longest waiting first.
CREATE INDEX disputes_escalated ON disputes(escalated_at) WHERE state = 6;
