-- The latest instant the writer gave a unit of work (UTC ticks). The writer reads it at the start of
-- each transaction (which holds SQLite's write lock) and orders its units no earlier, and raises it
-- before it commits, so a unit's instant never goes back: not after a restart with the clock set
-- back, and not between two processes whose clocks differ writing the same file. A database
-- migrated to this version starts at 0; its first commit raises it.
CREATE TABLE writer_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at INTEGER NOT NULL
);
INSERT INTO writer_clock (id, at) VALUES (1, 0);
