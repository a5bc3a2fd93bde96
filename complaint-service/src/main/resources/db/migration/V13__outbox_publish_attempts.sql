-- When the relay to Kafka first tried to send the row. A row tried and not marked published may be on Kafka all the
-- same (sent, and then the mark failed): the relay looks for it there, from this moment on, before it sends it again.
ALTER TABLE outbox ADD COLUMN publish_attempted_at timestamptz;
