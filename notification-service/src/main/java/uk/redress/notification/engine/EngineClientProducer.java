package uk.redress.notification.engine;

import io.camunda.client.CamundaClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The client of the Zeebe engine, over its gRPC gateway (the REST gateway is not needed). */
public class EngineClientProducer {

    @Produces
    @Singleton
    CamundaClient engineClient(@ConfigProperty(name = "redress.zeebe.grpc-address") URI grpcAddress) {
        return CamundaClient.newClientBuilder()
                .grpcAddress(grpcAddress)
                .preferRestOverGrpc(false)
                .build();
    }

    void close(@Disposes CamundaClient client) {
        client.close();
    }
}
