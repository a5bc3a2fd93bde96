-- The W3C trace context of the request (or consumer) that appended the event: the relays continue its trace, so one
-- trace runs from a case system's call through Kafka and the engine to the email. Null when tracing is off.
ALTER TABLE outbox ADD COLUMN trace_parent text;
