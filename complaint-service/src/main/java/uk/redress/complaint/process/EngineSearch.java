package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Variable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import uk.redress.workflow.process.ComplaintProcesses.Variables;

/**
 * Which complaint a process instance is, and which instances a complaint has, from the instances' {@code complaintId}
 * variable: Camunda's REST API (v2) variable search, which a cluster answers from its secondary storage and the local
 * engine from its records.
 */
@ApplicationScoped
public class EngineSearch {

    private static final int MOST_INSTANCES = 100;

    private final CamundaClient engine;

    public EngineSearch(CamundaClient engine) {
        this.engine = engine;
    }

    /** The complaint whose process {@code processInstanceKey} is; empty if it names none. */
    public Uni<Optional<UUID>> complaintOf(long processInstanceKey) {
        return EngineCalls.call(() -> engine.newVariableSearchRequest()
                        .filter(filter -> filter.processInstanceKey(processInstanceKey).scopeKey(processInstanceKey)
                                .name(Variables.COMPLAINT_ID))
                        .send())
                .map(variables -> variables.items().stream().findFirst()
                        .flatMap(variable -> uuid(variable.getValue())));
    }

    /** Every process instance the engine has had for the complaint, ended ones too. */
    public Uni<List<Long>> instancesOf(UUID complaintId) {
        return EngineCalls.call(() -> engine.newVariableSearchRequest()
                        .filter(filter -> filter.name(Variables.COMPLAINT_ID).value("\"" + complaintId + "\""))
                        .page(page -> page.limit(MOST_INSTANCES))
                        .send())
                .map(variables -> variables.items().stream()
                        .filter(variable -> variable.getScopeKey() != null
                                && variable.getScopeKey().equals(variable.getProcessInstanceKey()))
                        .map(Variable::getProcessInstanceKey).distinct().toList());
    }

    /** A variable's value is JSON text: a UUID in quotes. */
    private static Optional<UUID> uuid(String json) {
        try {
            return Optional.of(UUID.fromString(json.replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
