package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client of the Zeebe engine: commands and job workers over its gRPC gateway, searches (incidents, variables)
 * over Camunda's REST API, which only the searches need.
 */
public class EngineClientProducer {

    @Produces
    @Singleton
    CamundaClient engineClient(@ConfigProperty(name = "redress.zeebe.grpc-address") URI grpcAddress,
                               @ConfigProperty(name = "redress.zeebe.rest-address") URI restAddress) {
        return CamundaClient.newClientBuilder()
                .grpcAddress(grpcAddress)
                .restAddress(restAddress)
                .preferRestOverGrpc(false)
                .build();
    }

    void close(@Disposes CamundaClient client) {
        client.close();
    }
}
