package uk.redress.notification.engine;

import io.camunda.client.CamundaClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import uk.redress.workflow.engine.EngineConnection;

/**
 * The client of the Zeebe engine, over its gRPC gateway (the REST gateway is not needed); TLS and OAuth as
 * {@link EngineConnection} says.
 */
public class EngineClientProducer {

    /**
     * Each job handler waits for the sent-log's commit and for the engine to take the completion, which under a
     * burst of lapses takes a good part of a second: threads enough that this wait, not the CPU, sets no limit, and
     * few enough to bound what the engine is asked at once (with 256 notices in flight instead, completions outwaited
     * their timeout and a burst of lapses drained at half the rate: deploy/benchmark's README).
     */
    private static final int JOB_THREADS = 32;

    @Produces
    @Singleton
    CamundaClient engineClient(Config config) {
        return EngineConnection.of(name -> config.getOptionalValue(name, String.class)).builder()
                .numJobWorkerExecutionThreads(JOB_THREADS)
                .build();
    }

    void close(@Disposes CamundaClient client) {
        client.close();
    }
}
