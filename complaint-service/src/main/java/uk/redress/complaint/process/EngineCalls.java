package uk.redress.complaint.process;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Calling the engine from reactive code, and what its failures say. */
public final class EngineCalls {

    private EngineCalls() {
    }

    /**
     * An answer not come by then is a failure: a caller may hold a lock or a transaction while it waits, and an
     * answer that never came held the engine's lock for good (the fault suite, PostgreSQL restarted at 4,000
     * complaints: the engine relay waited behind it).
     */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    /**
     * The engine's answer, delivered back on the caller's Vert.x context (the client completes on its own threads,
     * where Hibernate Reactive, which a caller may use next, refuses to run); a failure after {@link #ANSWER_WITHIN}.
     */
    public static <T> Uni<T> call(Supplier<? extends CompletionStage<T>> request) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            long started = System.nanoTime();
            Uni<T> answer = Uni.createFrom().completionStage(request).ifNoItem().after(ANSWER_WITHIN).fail()
                    .onItemOrFailure().invoke((item, failure) -> Timer.builder("redress.engine.calls")
                            .description("The engine's commands and how long each took, by outcome (answered or "
                                    + "failed)")
                            .tag("outcome", failure == null ? "answered" : "failed")
                            .register(Metrics.globalRegistry)
                            .record(Duration.ofNanos(System.nanoTime() - started)));
            return caller == null ? answer : answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    /** The engine's answer that it has no such job, instance or incident, however the client wrapped it. */
    public static boolean notFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Status.Code code = cause instanceof ClientStatusException status ? status.getStatusCode()
                    : cause instanceof StatusRuntimeException grpc ? grpc.getStatus().getCode() : null;
            if (code == Status.Code.NOT_FOUND) {
                return true;
            }
        }
        return false;
    }
}
