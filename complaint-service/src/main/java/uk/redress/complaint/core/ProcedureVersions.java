package uk.redress.complaint.core;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;

/**
 * Every version of every procedure the service has run: a complaint keeps the version it was received under (or was
 * moved to), whatever the policy file says since, and a new complaint takes the current one. The versions are recorded
 * in the database as the files change (see {@code ProcedureVersionStore}); until they are read, each procedure is at
 * version 1, as its file reads. A procedure whose file was taken away is withdrawn: it takes no new complaint, and the
 * complaints open under it run on under their versions to their end.
 */
public final class ProcedureVersions {

    private volatile ProcedurePolicies files;
    private volatile Map<String, NavigableMap<Integer, ProcedurePolicy>> byId;

    public ProcedureVersions(ProcedurePolicies files) {
        this.files = files;
        Map<String, NavigableMap<Integer, ProcedurePolicy>> first = new HashMap<>();
        files.all().forEach(procedure -> first.put(procedure.id(), new TreeMap<>(Map.of(1, procedure))));
        this.byId = Map.copyOf(first);
    }

    /**
     * The versions as recorded, each procedure's newest being its current one, and the files they were recorded from:
     * a procedure recorded without a file is withdrawn.
     */
    public void recorded(Map<String, NavigableMap<Integer, ProcedurePolicy>> versions, ProcedurePolicies files) {
        Map<String, NavigableMap<Integer, ProcedurePolicy>> copy = new HashMap<>();
        versions.forEach((id, byVersion) -> copy.put(id, Collections.unmodifiableNavigableMap(new TreeMap<>(byVersion))));
        byId = Map.copyOf(copy);
        this.files = files;
    }

    /** The procedures as their files read, with their ids, the informal front and the like. */
    public ProcedurePolicies files() {
        return files;
    }

    /** Every procedure the service has run: those a new complaint may name, then the withdrawn ones. */
    public List<String> ids() {
        List<String> withFiles = files.ids();
        List<String> withdrawn = byId.keySet().stream().filter(id -> !withFiles.contains(id)).sorted().toList();
        return Stream.concat(withFiles.stream(), withdrawn.stream()).toList();
    }

    /** The procedure's newest version: the one its engine process is at; empty for an unknown procedure. */
    public Optional<Integer> currentVersion(String procedureId) {
        return Optional.ofNullable(byId.get(procedureId)).map(NavigableMap::lastKey);
    }

    /** The procedure at its newest version, withdrawn or not; empty for an unknown procedure. */
    public Optional<ProcedurePolicy> current(String procedureId) {
        return Optional.ofNullable(byId.get(procedureId)).map(versions -> versions.lastEntry().getValue());
    }

    /** The procedure as a new complaint is received under it: empty for an unknown or withdrawn procedure. */
    public Optional<ProcedurePolicy> receiving(String procedureId) {
        return files.find(procedureId).isPresent() ? current(procedureId) : Optional.empty();
    }

    /** The procedures a new complaint may name, in the order of their files. */
    public List<String> receivingIds() {
        return files.ids();
    }

    /** A version of a procedure; empty where the service never had it. */
    public Optional<ProcedurePolicy> find(String procedureId, int version) {
        return Optional.ofNullable(byId.get(procedureId)).map(versions -> versions.get(version));
    }

    /** The procedure as the complaint runs it: the version it was received under, or moved to. */
    public ProcedurePolicy of(Complaint complaint) {
        return find(complaint.procedure(), complaint.procedureVersion()).orElseThrow(() -> new IllegalStateException(
                complaint.reference() + " runs under version " + complaint.procedureVersion() + " of "
                        + complaint.procedure() + ", which this service does not have"));
    }

    /** Every version of the procedure, oldest first. */
    public NavigableMap<Integer, ProcedurePolicy> versions(String procedureId) {
        return byId.getOrDefault(procedureId, Collections.emptyNavigableMap());
    }
}
