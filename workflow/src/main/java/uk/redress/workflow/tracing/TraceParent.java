package uk.redress.workflow.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context ({@code traceparent}, version 00) kept with something that crosses a boundary no tracing
 * library sees: an outbox row, a CloudEvent (its distributed-tracing extension), a process variable, a sent-log row.
 * Whoever takes the thing up later, in another transaction, process or service, continues the trace of what caused it.
 */
public record TraceParent(String value) {

    /** The name of the CloudEvents extension attribute, the HTTP header and the process variable alike. */
    public static final String NAME = "traceparent";

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    public TraceParent {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a W3C traceparent: " + value);
        }
    }

    /** The span now current; empty when none is recording (tracing is off, or nothing started one). */
    public static Optional<TraceParent> current() {
        return of(Span.current().getSpanContext());
    }

    public static Optional<TraceParent> of(SpanContext span) {
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex()));
    }

    /**
     * As kept: absent, blank or malformed is no parent (a row from before tracing, or a sender that does not trace),
     * never an error, since a trace is an aid and must not stop the work it describes.
     */
    public static Optional<TraceParent> parse(Object kept) {
        if (kept instanceof String text && FORMAT.matcher(text).matches()) {
            return Optional.of(new TraceParent(text));
        }
        return Optional.empty();
    }

    /** The context a span started on the far side of the boundary takes as its parent. */
    public Context context() {
        var parts = FORMAT.matcher(value);
        if (!parts.matches()) {
            throw new IllegalStateException(value);
        }
        SpanContext remote = SpanContext.createFromRemoteParent(parts.group(1), parts.group(2),
                TraceFlags.fromHex(parts.group(3), 0), TraceState.getDefault());
        return Context.root().with(Span.wrap(remote));
    }
}
