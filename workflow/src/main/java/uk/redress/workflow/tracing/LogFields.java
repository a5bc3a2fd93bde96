package uk.redress.workflow.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jboss.logging.MDC;

/**
 * The fields Redress adds to its log lines (the MDC): in JSON logs each is a field of its own, so that a log search
 * finds everything about one complaint, and the trace of each line. Ids only, never personal data. Quarkus sets the
 * trace's fields itself where its instrumentation makes a span current; where Redress continues a trace of its own
 * ({@link Spans}), it names them here.
 */
public final class LogFields {

    /** The complaint the line is about. */
    public static final String COMPLAINT_ID = "complaintId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private LogFields() {
    }

    /** Names the complaint, and the span's trace where it has one, on every line until {@link #clear}. */
    public static void name(String complaintId, Span span) {
        if (complaintId != null) {
            MDC.put(COMPLAINT_ID, complaintId);
        }
        SpanContext context = span.getSpanContext();
        if (context.isValid()) {
            MDC.put(TRACE_ID, context.getTraceId());
            MDC.put(SPAN_ID, context.getSpanId());
        }
    }

    public static void clear() {
        MDC.remove(COMPLAINT_ID);
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
    }
}
