-- The W3C trace context of what caused the delivery (the complaint event, the engine's job): its sends, the first and
-- every retry, continue that trace. Null when tracing is off.
ALTER TABLE notification.delivery ADD COLUMN trace_parent text;
