-- Who recorded each event, and which request and earlier event it came from: what an Ombudsman asks.
ALTER TABLE complaint_event
    ADD COLUMN recorded_by    text NOT NULL DEFAULT 'unknown',
    ADD COLUMN correlation_id uuid,
    ADD COLUMN causation_id   uuid;
ALTER TABLE complaint_event ALTER COLUMN recorded_by DROP DEFAULT;

-- Human-readable references (SEND-2026-000123); gaps after a rolled-back receipt are harmless.
CREATE SEQUENCE complaint_reference_seq;
