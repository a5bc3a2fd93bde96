package uk.redress.notification.engine;

import io.camunda.client.CamundaClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The client of the Zeebe engine, over its gRPC gateway (the REST gateway is not needed). */
public class EngineClientProducer {

    /** Job handlers wait for the sent-log's commit: a few threads keep a burst of lapses moving. */
    private static final int JOB_THREADS = 4;

    @Produces
    @Singleton
    CamundaClient engineClient(@ConfigProperty(name = "redress.zeebe.grpc-address") URI grpcAddress) {
        return CamundaClient.newClientBuilder()
                .grpcAddress(grpcAddress)
                .preferRestOverGrpc(false)
                .numJobWorkerExecutionThreads(JOB_THREADS)
                .build();
    }

    void close(@Disposes CamundaClient client) {
        client.close();
    }
}
