-- Credence registry schema, version 12: the summary's counts kept by the store (issue 14, the portal's
-- speed). GET /v1/summary and the operator's dashboard counted by scanning subject_state, records,
-- decisions, listings and the due-process tables on every read, which grows with the population. These
-- tallies are changed by triggers in the same transaction as the rows they count, whatever writes them
-- (the writer, the bulk paths, a repair), so a read of them is exactly the count of the rows it sees.
-- Nothing else writes them; a row whose count fell to 0 is kept (readers skip it).
CREATE TABLE summary_tallies (
    name  TEXT    PRIMARY KEY,                 -- subjects, records, decisions, appeals, marks, notices, dispute.<state>, repairs.granted, repairs.refused
    n     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Subjects by the policy, status and grade of their stored state ('' for no grade).
CREATE TABLE grade_tallies (
    policy_tag  TEXT    NOT NULL,
    status      INTEGER NOT NULL,
    grade       TEXT    NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (policy_tag, status, grade)
) STRICT, WITHOUT ROWID;

-- Open listings (ended_at IS NULL) by policy and list; a reader takes off those whose term has passed.
CREATE TABLE list_tallies (
    policy_tag  TEXT    NOT NULL,
    list        TEXT    NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (policy_tag, list)
) STRICT, WITHOUT ROWID;

-- The open listings whose term has passed, at any instant: an index range, not a scan of the listings.
CREATE INDEX listings_open_by_until ON listings(until, policy_tag, list) WHERE ended_at IS NULL AND until IS NOT NULL;

INSERT INTO summary_tallies (name, n) SELECT 'subjects', COUNT(*) FROM subject_state;
INSERT INTO summary_tallies (name, n) SELECT 'records', COUNT(*) FROM records;
INSERT INTO summary_tallies (name, n) SELECT 'decisions', COUNT(*) FROM decisions;
INSERT INTO summary_tallies (name, n) SELECT 'appeals', COUNT(*) FROM appeals;
INSERT INTO summary_tallies (name, n) SELECT 'marks', COUNT(*) FROM decision_marks;
INSERT INTO summary_tallies (name, n) SELECT 'notices', COUNT(*) FROM notices;
INSERT INTO summary_tallies (name, n) SELECT 'dispute.' || state, COUNT(*) FROM disputes GROUP BY state;
INSERT INTO summary_tallies (name, n) SELECT 'repairs.granted', COUNT(*) FROM repairs WHERE effective_at IS NOT NULL;
INSERT INTO summary_tallies (name, n) SELECT 'repairs.refused', COUNT(*) FROM repairs WHERE effective_at IS NULL;
INSERT INTO grade_tallies (policy_tag, status, grade, n) SELECT policy_tag, status, COALESCE(grade, ''), COUNT(*) FROM subject_state GROUP BY 1, 2, 3;
INSERT INTO list_tallies (policy_tag, list, n) SELECT policy_tag, list, COUNT(*) FROM listings WHERE ended_at IS NULL GROUP BY 1, 2;

-- Plain counts.
CREATE TRIGGER tally_records_insert AFTER INSERT ON records BEGIN UPDATE summary_tallies SET n = n + 1 WHERE name = 'records'; END;
CREATE TRIGGER tally_records_delete AFTER DELETE ON records BEGIN UPDATE summary_tallies SET n = n - 1 WHERE name = 'records'; END;
CREATE TRIGGER tally_decisions_insert AFTER INSERT ON decisions BEGIN UPDATE summary_tallies SET n = n + 1 WHERE name = 'decisions'; END;
CREATE TRIGGER tally_decisions_delete AFTER DELETE ON decisions BEGIN UPDATE summary_tallies SET n = n - 1 WHERE name = 'decisions'; END;
CREATE TRIGGER tally_appeals_insert AFTER INSERT ON appeals BEGIN UPDATE summary_tallies SET n = n + 1 WHERE name = 'appeals'; END;
CREATE TRIGGER tally_appeals_delete AFTER DELETE ON appeals BEGIN UPDATE summary_tallies SET n = n - 1 WHERE name = 'appeals'; END;
CREATE TRIGGER tally_marks_insert AFTER INSERT ON decision_marks BEGIN UPDATE summary_tallies SET n = n + 1 WHERE name = 'marks'; END;
CREATE TRIGGER tally_marks_delete AFTER DELETE ON decision_marks BEGIN UPDATE summary_tallies SET n = n - 1 WHERE name = 'marks'; END;
CREATE TRIGGER tally_notices_insert AFTER INSERT ON notices BEGIN UPDATE summary_tallies SET n = n + 1 WHERE name = 'notices'; END;
CREATE TRIGGER tally_notices_delete AFTER DELETE ON notices BEGIN UPDATE summary_tallies SET n = n - 1 WHERE name = 'notices'; END;

-- Subjects, and subjects by policy, status and grade.
CREATE TRIGGER tally_states_insert AFTER INSERT ON subject_state BEGIN
    UPDATE summary_tallies SET n = n + 1 WHERE name = 'subjects';
    INSERT INTO grade_tallies (policy_tag, status, grade, n) VALUES (new.policy_tag, new.status, COALESCE(new.grade, ''), 1)
        ON CONFLICT (policy_tag, status, grade) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tally_states_update AFTER UPDATE OF policy_tag, status, grade ON subject_state
    WHEN old.policy_tag IS NOT new.policy_tag OR old.status IS NOT new.status OR old.grade IS NOT new.grade BEGIN
    UPDATE grade_tallies SET n = n - 1 WHERE policy_tag = old.policy_tag AND status = old.status AND grade = COALESCE(old.grade, '');
    INSERT INTO grade_tallies (policy_tag, status, grade, n) VALUES (new.policy_tag, new.status, COALESCE(new.grade, ''), 1)
        ON CONFLICT (policy_tag, status, grade) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tally_states_delete AFTER DELETE ON subject_state BEGIN
    UPDATE summary_tallies SET n = n - 1 WHERE name = 'subjects';
    UPDATE grade_tallies SET n = n - 1 WHERE policy_tag = old.policy_tag AND status = old.status AND grade = COALESCE(old.grade, '');
END;

-- Open listings by policy and list.
CREATE TRIGGER tally_listings_insert AFTER INSERT ON listings WHEN new.ended_at IS NULL BEGIN
    INSERT INTO list_tallies (policy_tag, list, n) VALUES (new.policy_tag, new.list, 1) ON CONFLICT (policy_tag, list) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tally_listings_update AFTER UPDATE OF ended_at, policy_tag, list ON listings
    WHEN (old.ended_at IS NULL) <> (new.ended_at IS NULL) OR old.policy_tag IS NOT new.policy_tag OR old.list IS NOT new.list BEGIN
    UPDATE list_tallies SET n = n - 1 WHERE old.ended_at IS NULL AND policy_tag = old.policy_tag AND list = old.list;
    INSERT INTO list_tallies (policy_tag, list, n) SELECT new.policy_tag, new.list, 1 WHERE new.ended_at IS NULL
        ON CONFLICT (policy_tag, list) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tally_listings_delete AFTER DELETE ON listings WHEN old.ended_at IS NULL BEGIN
    UPDATE list_tallies SET n = n - 1 WHERE policy_tag = old.policy_tag AND list = old.list;
END;

-- Disputes by state.
CREATE TRIGGER tally_disputes_insert AFTER INSERT ON disputes BEGIN
    INSERT INTO summary_tallies (name, n) VALUES ('dispute.' || new.state, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tally_disputes_update AFTER UPDATE OF state ON disputes WHEN old.state IS NOT new.state BEGIN
    UPDATE summary_tallies SET n = n - 1 WHERE name = 'dispute.' || old.state;
    INSERT INTO summary_tallies (name, n) VALUES ('dispute.' || new.state, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tally_disputes_delete AFTER DELETE ON disputes BEGIN
    UPDATE summary_tallies SET n = n - 1 WHERE name = 'dispute.' || old.state;
END;

-- Repair applications, granted (in effect) or not.
CREATE TRIGGER tally_repairs_insert AFTER INSERT ON repairs BEGIN
    UPDATE summary_tallies SET n = n + 1 WHERE name = CASE WHEN new.effective_at IS NULL THEN 'repairs.refused' ELSE 'repairs.granted' END;
END;
CREATE TRIGGER tally_repairs_update AFTER UPDATE OF effective_at ON repairs WHEN (old.effective_at IS NULL) <> (new.effective_at IS NULL) BEGIN
    UPDATE summary_tallies SET n = n - 1 WHERE name = CASE WHEN old.effective_at IS NULL THEN 'repairs.refused' ELSE 'repairs.granted' END;
    UPDATE summary_tallies SET n = n + 1 WHERE name = CASE WHEN new.effective_at IS NULL THEN 'repairs.refused' ELSE 'repairs.granted' END;
END;
CREATE TRIGGER tally_repairs_delete AFTER DELETE ON repairs BEGIN
    UPDATE summary_tallies SET n = n - 1 WHERE name = CASE WHEN old.effective_at IS NULL THEN 'repairs.refused' ELSE 'repairs.granted' END;
END;

-- Each organisation's first name (the least of its folded names), for the search by a code prefix: a
-- short prefix ("9") matches every organisation, whose page is the first ones by this key, walked in
-- its index instead of grouping and sorting every match. Kept by triggers as names are put.
CREATE TABLE organisation_keys (
    code   TEXT NOT NULL PRIMARY KEY,
    first  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX organisation_keys_by_first ON organisation_keys(first, code);
INSERT INTO organisation_keys (code, first) SELECT code, MIN(folded) FROM organisation_names GROUP BY code;

CREATE TRIGGER organisation_keys_insert AFTER INSERT ON organisation_names BEGIN
    INSERT INTO organisation_keys (code, first) SELECT new.code, MIN(folded) FROM organisation_names WHERE code = new.code
        ON CONFLICT (code) DO UPDATE SET first = excluded.first;
END;
CREATE TRIGGER organisation_keys_update AFTER UPDATE ON organisation_names BEGIN
    DELETE FROM organisation_keys WHERE code = old.code AND NOT EXISTS (SELECT 1 FROM organisation_names WHERE code = old.code);
    UPDATE organisation_keys SET first = (SELECT MIN(folded) FROM organisation_names WHERE code = old.code) WHERE code = old.code;
    INSERT INTO organisation_keys (code, first) SELECT new.code, MIN(folded) FROM organisation_names WHERE code = new.code
        ON CONFLICT (code) DO UPDATE SET first = excluded.first;
END;
CREATE TRIGGER organisation_keys_delete AFTER DELETE ON organisation_names BEGIN
    DELETE FROM organisation_keys WHERE code = old.code AND NOT EXISTS (SELECT 1 FROM organisation_names WHERE code = old.code);
    UPDATE organisation_keys SET first = (SELECT MIN(folded) FROM organisation_names WHERE code = old.code) WHERE code = old.code;
END;
