package uk.redress.complaint.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.SearchResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import uk.redress.complaint.process.EngineCalls;

/**
 * The engine's incidents, through Camunda's orchestration REST API (v2): a cluster answers its search from its
 * secondary storage, the local stack's engine from its records. Retrying one is two gRPC commands.
 */
@ApplicationScoped
public class EngineIncidents {

    /** The retries a failed job is given back: the workers' own count for a fresh job. */
    static final int RETRIES = 3;
    private static final int PAGE = 100;

    private final CamundaClient engine;

    public EngineIncidents(CamundaClient engine) {
        this.engine = engine;
    }

    /** Every incident the engine holds open, page by page. */
    public Uni<List<Incident>> active() {
        return pageFrom(0, new ArrayList<>());
    }

    private Uni<List<Incident>> pageFrom(int from, List<Incident> found) {
        return EngineCalls.call(() -> engine.newIncidentSearchRequest()
                        .filter(filter -> filter.state(IncidentState.ACTIVE))
                        .page(page -> page.from(from).limit(PAGE))
                        .send())
                .chain(page -> {
                    found.addAll(page.items());
                    return isLast(page, from) ? Uni.createFrom().item(List.copyOf(found))
                            : pageFrom(from + page.items().size(), found);
                });
    }

    private static boolean isLast(SearchResponse<Incident> page, int from) {
        Long total = page.page() == null ? null : page.page().totalItems();
        return page.items().isEmpty() || total == null || from + page.items().size() >= total;
    }

    /**
     * Gives a failed job its retries back and resolves the incident: the engine then offers the job again, or
     * evaluates the failed element again. A job or incident the engine no longer has needs nothing more.
     */
    public Uni<Void> retry(long incidentKey, Long jobKey) {
        Uni<Void> retries = jobKey == null ? Uni.createFrom().voidItem()
                : EngineCalls.call(() -> engine.newUpdateRetriesCommand(jobKey).retries(RETRIES).send())
                        .replaceWithVoid().onFailure(EngineCalls::notFound).recoverWithNull();
        return retries.chain(() -> EngineCalls.call(() -> engine.newResolveIncidentCommand(incidentKey).send())
                .replaceWithVoid()
                .onFailure(EngineCalls::notFound).recoverWithNull());
    }
}
