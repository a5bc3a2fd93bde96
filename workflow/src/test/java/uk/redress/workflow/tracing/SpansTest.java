package uk.redress.workflow.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spans Redress starts where it continues a kept trace, as an in-process exporter receives them. */
class SpansTest {

    private static final String COMPLAINT = "5b0e7a52-6a45-4a4e-9d0a-3f1d2f6f1c11";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

    @AfterEach
    void stop() {
        tracing.close();
    }

    @Test
    void aSpanStartedFromAKeptTraceParentIsItsChildInTheSameTrace() {
        Spans spans = new Spans(tracing.get("test"), true);
        Span cause = spans.start("append", SpanKind.INTERNAL, Optional.empty(), COMPLAINT);
        TraceParent kept = TraceParent.of(cause.getSpanContext()).orElseThrow();
        cause.end();

        // Later, elsewhere: only the text was kept.
        spans.start("complaint-events process", SpanKind.CONSUMER, TraceParent.parse(kept.value()), COMPLAINT).end();

        SpanData consumer = exporter.getFinishedSpanItems().getLast();
        assertThat(consumer.getTraceId()).isEqualTo(cause.getSpanContext().getTraceId());
        assertThat(consumer.getParentSpanId()).isEqualTo(cause.getSpanContext().getSpanId());
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getAttributes().get(Spans.COMPLAINT_ID)).isEqualTo(COMPLAINT);
    }

    @Test
    void theComplaintIdAttributeCanBeTurnedOffAndNoSpanIsNamedAfterAComplaint() {
        new Spans(tracing.get("test"), false)
                .start("job notify-deadline-lapsed", SpanKind.CONSUMER, Optional.empty(), COMPLAINT).end();

        SpanData span = exporter.getFinishedSpanItems().getFirst();
        assertThat(span.getAttributes().get(Spans.COMPLAINT_ID)).isNull();
        assertThat(span.getName()).doesNotContain(COMPLAINT);
        assertThat(span.getParentSpanContext().isValid()).as("a new trace, with nothing to continue").isFalse();
    }

    @Test
    void aMalformedOrMissingTraceParentIsNoParentNotAnError() {
        assertThat(TraceParent.parse(null)).isEmpty();
        assertThat(TraceParent.parse("")).isEmpty();
        assertThat(TraceParent.parse("00-not-a-trace-01")).isEmpty();
        assertThat(TraceParent.parse(42)).isEmpty();
        assertThat(TraceParent.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .map(TraceParent::value).contains("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }
}
