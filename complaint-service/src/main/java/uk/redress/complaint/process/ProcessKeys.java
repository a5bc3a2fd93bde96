package uk.redress.complaint.process;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.redress.complaint.core.ProcedureVersions;

/**
 * The engine's process of each older version of a procedure, as deployed when that version was current: what a complaint
 * still under it starts again on. The current version's is always the engine's latest.
 */
@ApplicationScoped
public class ProcessKeys {

    private final ProcedureVersions versions;
    private final Map<String, Long> byVersion = new ConcurrentHashMap<>();

    public ProcessKeys(ProcedureVersions versions) {
        this.versions = versions;
    }

    void deployed(String procedureId, int version, long processDefinitionKey) {
        byVersion.put(procedureId + "@" + version, processDefinitionKey);
    }

    /** The process to start a complaint under this version on; empty for the current version: the engine's latest. */
    public Optional<Long> of(String procedureId, int version) {
        if (versions.currentVersion(procedureId).filter(current -> current == version).isPresent()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byVersion.get(procedureId + "@" + version));
    }
}
