-- Credence registry schema for PostgreSQL, version 9: the Orleans cluster's membership table (PostgresMembershipTable).
-- One version row per cluster: Orleans' table version, and the etag its conditional writes compare.
CREATE TABLE cluster_versions (
    cluster_id text    PRIMARY KEY,
    version    integer NOT NULL,
    etag       bigint  NOT NULL
);

-- One row per silo generation (address, port, generation): a silo restarted on the same endpoint is a new row.
CREATE TABLE cluster_members (
    cluster_id     text     NOT NULL REFERENCES cluster_versions (cluster_id) ON DELETE CASCADE,
    silo           text     NOT NULL,          -- Orleans' parsable silo address: ip:port@generation
    status         integer  NOT NULL,          -- Orleans' SiloStatus
    proxy_port     integer  NOT NULL,
    host_name      text     NOT NULL,
    silo_name      text     NOT NULL,
    role_name      text     NOT NULL,
    update_zone    integer  NOT NULL,
    fault_zone     integer  NOT NULL,
    start_time     bigint   NOT NULL,          -- UTC ticks
    i_am_alive     bigint   NOT NULL,          -- UTC ticks
    suspecters     text[]   NOT NULL,          -- the silos that suspected this one ...
    suspect_times  bigint[] NOT NULL,          -- ... and when (UTC ticks), in the same order
    etag           bigint   NOT NULL,
    PRIMARY KEY (cluster_id, silo)
);
