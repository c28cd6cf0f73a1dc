-- Credence registry schema for PostgreSQL, version 10: who issued each API key (issue 15, the two-person rule).
-- Whoever issues a key is shown it once, so it can act as the key's principal: the two-person rule follows
-- these links to refuse a sign-off that one operator could have made alone (Principals/KeyHolders.cs).
-- NULL: issued by the command line on the store itself, and every key issued before this version (their
-- issuance is still in the access log; the store cannot tell who held them, so they count as handed over).
ALTER TABLE api_keys ADD COLUMN issued_by bigint REFERENCES principals(id);
CREATE INDEX api_keys_by_principal ON api_keys (principal_id);
