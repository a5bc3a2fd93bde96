package uk.redress.complaint.report;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What councils write into their annual reports (the self-assessment and the statements), kept per organisation and
 * reporting year. A save names the version it was made on, where the caller knows it: if another save came first it
 * is refused, not lost.
 */
@ApplicationScoped
public class WrittenSections {

    private static final String SELF_ASSESSMENT = "code_self_assessment";
    private static final String STATEMENTS = "annual_statements";
    private static final List<String> STATEMENT_COLUMNS =
            List.of("commentary", "non_compliance", "ombudsman_letter", "governing_body_response");

    private final Pool database;
    private final Clock clock;

    public WrittenSections(Pool database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Uni<SelfAssessment> selfAssessment(String organisation, int year) {
        return database.preparedQuery("SELECT * FROM " + SELF_ASSESSMENT + " WHERE organisation = $1 AND year = $2")
                .execute(Tuple.of(organisation, year))
                .map(rows -> rows.size() == 0
                        ? new SelfAssessment(year, SelfAssessment.inCodeOrder(List.of()), 0, Optional.empty(),
                                Optional.empty())
                        : selfAssessment(year, rows.iterator().next()));
    }

    /**
     * Saves the rows given, each replacing what its section said; the sections left out keep theirs.
     *
     * @param expectedVersion the version the change was made on; empty to make it on the latest, whatever it is
     */
    public Uni<SelfAssessment> saveSelfAssessment(String organisation, int year, List<SelfAssessment.Row> rows,
                                                  Optional<Integer> expectedVersion, String by) {
        Uni<Void> saved = selfAssessment(organisation, year).chain(current -> {
            List<SelfAssessment.Row> merged = new ArrayList<>(rows);
            current.sections().stream()
                    .filter(row -> rows.stream().noneMatch(changed -> changed.section() == row.section()))
                    .forEach(merged::add);
            JsonArray sections = new JsonArray();
            SelfAssessment.inCodeOrder(merged).forEach(row -> sections.add(new JsonObject()
                    .put("section", row.section().name())
                    .put("complies", row.complies().orElse(null))
                    .put("evidence", row.evidence())
                    .put("actions", row.actions())));
            // The sections left out are kept as read: saved only on the version read, so none is lost.
            return save(SELF_ASSESSMENT, "self-assessment", organisation, year, List.of("sections"),
                    List.of(sections), Optional.of(expectedVersion.orElse(current.version())), by);
        });
        if (expectedVersion.isEmpty()) {
            saved = saved.onFailure(WrittenSectionChangedException.class).retry().atMost(3);
        }
        return saved.chain(() -> selfAssessment(organisation, year));
    }

    public Uni<AnnualStatements> statements(String organisation, int year) {
        return database.preparedQuery("SELECT * FROM " + STATEMENTS + " WHERE organisation = $1 AND year = $2")
                .execute(Tuple.of(organisation, year))
                .map(rows -> rows.size() == 0 ? AnnualStatements.blank(year) : statements(year, rows.iterator().next()));
    }

    /** Saves all four statements (a blank one as blank). */
    public Uni<AnnualStatements> saveStatements(String organisation, AnnualStatements statements,
                                                Optional<Integer> expectedVersion, String by) {
        return save(STATEMENTS, "statements", organisation, statements.year(), STATEMENT_COLUMNS,
                List.of(statements.commentary(), statements.nonCompliance(), statements.ombudsmanLetter(),
                        statements.governingBodyResponse()), expectedVersion, by)
                .chain(() -> statements(organisation, statements.year()));
    }

    /**
     * Inserts the first version, or replaces the one expected: a save made on version 0 inserts, one made on another
     * version updates only that version, and one with no version given saves over whatever is there.
     */
    private Uni<Void> save(String table, String name, String organisation, int year, List<String> columns,
                           List<Object> values, Optional<Integer> expectedVersion, String by) {
        List<Object> parameters = new ArrayList<>(List.of(organisation, year));
        parameters.addAll(values);
        parameters.add(by);
        parameters.add(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        int updatedBy = parameters.size() - 1;
        String placeholders = IntStream.rangeClosed(3, 2 + columns.size()).mapToObj(i -> "$" + i)
                .collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + table + " (organisation, year, " + String.join(", ", columns)
                + ", version, updated_by, updated_at) VALUES ($1, $2, " + placeholders + ", 1, $" + updatedBy
                + ", $" + (updatedBy + 1) + ")";
        String set = IntStream.range(0, columns.size()).mapToObj(i -> columns.get(i) + " = $" + (i + 3))
                .collect(Collectors.joining(", ")) + ", version = " + table + ".version + 1, updated_by = $"
                + updatedBy + ", updated_at = $" + (updatedBy + 1);
        String sql;
        if (expectedVersion.isEmpty()) {
            sql = insert + " ON CONFLICT (organisation, year) DO UPDATE SET " + set;
        } else if (expectedVersion.get() == 0) {
            sql = insert + " ON CONFLICT (organisation, year) DO NOTHING";
        } else {
            parameters.add(expectedVersion.get());
            sql = "UPDATE " + table + " SET " + set + " WHERE organisation = $1 AND year = $2 AND version = $"
                    + parameters.size();
        }
        return database.preparedQuery(sql + " RETURNING version").execute(Tuple.from(parameters))
                .invoke(saved -> {
                    if (saved.size() == 0) {
                        throw new WrittenSectionChangedException(name, year, expectedVersion.orElseThrow());
                    }
                })
                .replaceWithVoid();
    }

    private static SelfAssessment selfAssessment(int year, Row row) {
        List<SelfAssessment.Row> sections = new ArrayList<>();
        for (Object saved : (JsonArray) row.getValue("sections")) {
            JsonObject section = (JsonObject) saved;
            sections.add(new SelfAssessment.Row(CodeSection.valueOf(section.getString("section")),
                    Optional.ofNullable(section.getBoolean("complies")), section.getString("evidence"),
                    section.getString("actions")));
        }
        return new SelfAssessment(year, SelfAssessment.inCodeOrder(sections), row.getInteger("version"),
                Optional.of(row.getString("updated_by")), Optional.of(updatedAt(row)));
    }

    private static AnnualStatements statements(int year, Row row) {
        return new AnnualStatements(year, row.getString("commentary"), row.getString("non_compliance"),
                row.getString("ombudsman_letter"), row.getString("governing_body_response"), row.getInteger("version"),
                Optional.of(row.getString("updated_by")), Optional.of(updatedAt(row)));
    }

    private static Instant updatedAt(Row row) {
        return row.getOffsetDateTime("updated_at").toInstant();
    }
}
