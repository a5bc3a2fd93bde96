-- A retried POST /complaints with the same Idempotency-Key answers the complaint the first one created.
CREATE TABLE idempotency_key (
    idempotency_key text        PRIMARY KEY,
    complaint_id    uuid        NOT NULL,
    request_hash    text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
