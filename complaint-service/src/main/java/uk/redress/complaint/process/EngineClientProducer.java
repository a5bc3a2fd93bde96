package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import uk.redress.workflow.engine.EngineConnection;

/**
 * The client of the Zeebe engine: commands and job workers over its gRPC gateway, searches (incidents, variables)
 * over Camunda's REST API, which only the searches need; TLS and OAuth as {@link EngineConnection} says.
 */
public class EngineClientProducer {

    @Produces
    @Singleton
    CamundaClient engineClient(Config config) {
        return EngineConnection.of(name -> config.getOptionalValue(name, String.class)).builder().build();
    }

    void close(@Disposes CamundaClient client) {
        client.close();
    }
}
