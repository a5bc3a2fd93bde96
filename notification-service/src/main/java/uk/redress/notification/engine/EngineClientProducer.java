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
     * Each job handler waits for the sent-log's commit (not for the engine's answer to the completion: see
     * DeadlineNoticeWorkers): threads enough that this wait sets no limit, and few enough to bound the notices being
     * made at once, each reading the complaint and writing the sent-log over the database pool.
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
