-- The event store: the record of truth for every complaint. Rows are only ever inserted.
CREATE TABLE complaint_event (
    stream_id   uuid        NOT NULL,
    version     integer     NOT NULL CHECK (version > 0),
    event_id    uuid        NOT NULL UNIQUE,
    event_type  text        NOT NULL,
    payload     jsonb       NOT NULL,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    -- A concurrent append at the same version fails instead of overwriting.
    PRIMARY KEY (stream_id, version)
);
