-- Credence registry schema for PostgreSQL, version 3: the writers' clock.
-- The latest instant a writer gave a unit of work. A writer reads it under the ledger's advisory lock
-- at the start of each transaction and orders its units no earlier, and raises it before it commits,
-- so a unit's instant never goes back: not after a restart with a clock set back, and not between two
-- processes (nodes) whose clocks differ writing the same database.
CREATE TABLE writer_clock (
    id  integer PRIMARY KEY CHECK (id = 1),
    at  bigint  NOT NULL                       -- UTC ticks
);
INSERT INTO writer_clock (id, at) VALUES (1, 0);
