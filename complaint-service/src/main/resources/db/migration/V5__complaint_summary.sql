-- The complaint list: one row per complaint, its state after its events, for lists and search. A read model only:
-- it can be dropped and rebuilt from complaint_event at any time (POST /api/v1/admin/projections/complaint-summary/rebuild).
-- The first start after this migration rebuilds it once, so complaints recorded before it are listed too.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE complaint_summary (
    id            uuid        PRIMARY KEY,
    reference     text        NOT NULL,
    procedure     text        NOT NULL,
    -- Absent for comments, compliments and signposted appeals or discrimination claims.
    stage         text,
    status        text        NOT NULL,
    summary       text        NOT NULL,
    received_on   date        NOT NULL,
    -- The earliest instant at which a running deadline lapses; null when none runs. Overdue: next_lapse_at <= now.
    next_lapse_at timestamptz,
    -- The version of the last event folded in: an older state never overwrites a newer one.
    version       integer     NOT NULL,
    last_event_at timestamptz NOT NULL
);

-- The list's order and cursor, (received_on, id) descending; the filters below narrow it.
CREATE INDEX complaint_summary_received ON complaint_summary (received_on, id);
CREATE INDEX complaint_summary_status ON complaint_summary (status, received_on, id);
CREATE INDEX complaint_summary_procedure_stage ON complaint_summary (procedure, stage, received_on, id);
CREATE INDEX complaint_summary_stage ON complaint_summary (stage, received_on, id);
CREATE INDEX complaint_summary_next_lapse ON complaint_summary (next_lapse_at) WHERE next_lapse_at IS NOT NULL;
-- Case-insensitive substring search (ILIKE '%q%') in the reference or the summary.
CREATE INDEX complaint_summary_reference_text ON complaint_summary USING gin (reference gin_trgm_ops);
CREATE INDEX complaint_summary_summary_text ON complaint_summary USING gin (summary gin_trgm_ops);

-- How far a rebuild of a projection has gone: the last event it applied, in (stream_id, version) order, and its
-- progress, so that any instance of the service can answer how the rebuild stands.
CREATE TABLE projection_checkpoint (
    projection     text        PRIMARY KEY,
    state          text        NOT NULL,
    last_stream_id uuid,
    last_version   integer,
    events_applied bigint      NOT NULL DEFAULT 0,
    events_total   bigint      NOT NULL DEFAULT 0,
    started_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    error          text
);
