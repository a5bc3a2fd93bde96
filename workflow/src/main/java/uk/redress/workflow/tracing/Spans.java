package uk.redress.workflow.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Starts the spans Redress makes itself, where the work continues something kept for later (see {@link TraceParent}).
 * A span names what is done, never whom it is about; the complaint's id is an attribute, which an operator whose
 * tracing backend must not hold it turns off.
 */
public final class Spans {

    public static final AttributeKey<String> COMPLAINT_ID = AttributeKey.stringKey("redress.complaint.id");

    private final Tracer tracer;
    private final boolean complaintIdAttribute;

    public Spans(Tracer tracer, boolean complaintIdAttribute) {
        this.tracer = tracer;
        this.complaintIdAttribute = complaintIdAttribute;
    }

    /** A span continuing {@code parent}, or, without one, a child of whatever is current (a new trace if nothing). */
    public Span start(String name, SpanKind kind, Optional<TraceParent> parent, String complaintId) {
        var builder = tracer.spanBuilder(name).setSpanKind(kind)
                .setParent(parent.map(TraceParent::context).orElseGet(Context::current));
        if (complaintIdAttribute && complaintId != null) {
            builder.setAttribute(COMPLAINT_ID, complaintId);
        }
        return builder.startSpan();
    }

    /** For a Uni's {@code onItemOrFailure().invoke}: ends the span when the work ends, as failed if it failed. */
    public static <T> BiConsumer<T, Throwable> ending(Span span) {
        return (item, failure) -> {
            if (failure == null) {
                span.end();
            } else {
                fail(span, failure);
            }
        };
    }

    /** Ends the span as failed, with the failure as its event. */
    public static void fail(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        span.end();
    }
}
