-- What the complaint service knows of the engine's state, to notice when the engine has lost it (a restart with empty
-- storage, a cluster rebuilt from nothing). One row: the generation is a sentinel process the service deployed; an
-- engine that answers a new version for the same sentinel has never seen it, so it lost everything since.
CREATE TABLE engine_generation (
    id               smallint    PRIMARY KEY CHECK (id = 1),
    generation       uuid        NOT NULL,
    sentinel_version integer     NOT NULL,
    -- True from noticing the loss until every open complaint's process is recreated on the new engine.
    recovering       boolean     NOT NULL,
    changed_at       timestamptz NOT NULL
);

-- The complaints whose processes a generation has to recreate, written when the loss is noticed, so that a recovery
-- cut short carries on where it stopped and two service replicas never recreate the same complaint.
CREATE TABLE process_recreation (
    complaint_id         uuid        NOT NULL,
    generation           uuid        NOT NULL,
    -- The instance recreated; null for a complaint that needed none (no longer open, or its procedure done).
    process_instance_key bigint,
    done_at              timestamptz,
    PRIMARY KEY (generation, complaint_id)
);
CREATE INDEX process_recreation_to_do ON process_recreation (generation, complaint_id) WHERE done_at IS NULL;
