package uk.redress.notification;

import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.redress.workflow.tracing.Spans;

/** The service's own spans, over the tracer Quarkus configures (a no-op one while tracing is off). */
public class SpansProducer {

    @Produces
    @Singleton
    Spans spans(Tracer tracer, @ConfigProperty(name = "redress.tracing.complaint-id") boolean complaintIdAttribute) {
        return new Spans(tracer, complaintIdAttribute);
    }
}
