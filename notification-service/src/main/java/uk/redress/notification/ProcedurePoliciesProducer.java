package uk.redress.notification;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.redress.workflow.procedure.ProcedurePolicies;

/**
 * The procedures, as the complaint service reads them (the same folder of a council's own policy files): which group
 * handles each clock's stage, and each stage's name.
 */
public class ProcedurePoliciesProducer {

    @Produces
    @Singleton
    ProcedurePolicies procedures(@ConfigProperty(name = "redress.procedures.directory") Optional<Path> directory) {
        return ProcedurePolicies.load(directory);
    }
}
