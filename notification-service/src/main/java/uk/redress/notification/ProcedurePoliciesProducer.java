package uk.redress.notification;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import uk.redress.workflow.procedure.ProcedurePolicies;

/** The shipped procedures: which group handles each clock's stage, and each stage's name. */
public class ProcedurePoliciesProducer {

    @Produces
    @Singleton
    ProcedurePolicies procedures() {
        return ProcedurePolicies.shipped();
    }
}
