-- The transactional outbox: a row per event, written in the event's own transaction. Two relays work it: one sends
-- the event to Kafka, one hands it to the workflow engine; each marks its own column once that has succeeded, so
-- nothing committed is lost while Kafka or the engine is down.
CREATE TABLE outbox (
    id            bigserial   PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE REFERENCES complaint_event (event_id),
    complaint_id  uuid        NOT NULL,
    published_at  timestamptz,
    dispatched_at timestamptz,
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text
);
CREATE INDEX outbox_to_publish ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_to_dispatch ON outbox (id) WHERE dispatched_at IS NULL;
