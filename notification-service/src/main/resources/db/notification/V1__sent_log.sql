-- The sent-log: one row per delivery of a notification on one channel. The id is deterministic (the notification's
-- id and the channel), so a job retry, a Kafka redelivery or a restart that records it again changes nothing; the
-- row's status says whether it went out, waits for a retry, or was given up (dead letter).
CREATE TABLE delivery (
    id              text        PRIMARY KEY,
    notification_id uuid        NOT NULL,
    complaint_id    text        NOT NULL,
    kind            text        NOT NULL,
    channel         text        NOT NULL,
    target          text        NOT NULL,
    subject         text,
    body_text       text,
    body_html       text,
    payload         text,
    status          text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    due_at          timestamptz,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);

CREATE INDEX delivery_waiting ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_by_complaint ON delivery (complaint_id, created_at);

-- What the complainant letters need to know that later events do not repeat: who to write to, under which
-- procedure, at which stage, and the current deadlines.
CREATE TABLE complainant_contact (
    complaint_id    text PRIMARY KEY,
    reference       text NOT NULL,
    procedure       text NOT NULL,
    name            text NOT NULL,
    email           text NOT NULL,
    summary         text NOT NULL,
    stage           text,
    deadlines       text NOT NULL
);
