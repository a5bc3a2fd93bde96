package uk.redress.complaint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static uk.redress.complaint.TestCallers.api;
import static uk.redress.complaint.api.ListFixtures.acknowledge;
import static uk.redress.complaint.api.ListFixtures.escalate;
import static uk.redress.complaint.api.ListFixtures.everyPage;
import static uk.redress.complaint.api.ListFixtures.ids;
import static uk.redress.complaint.api.ListFixtures.page;
import static uk.redress.complaint.api.ListFixtures.receive;
import static uk.redress.complaint.api.ListFixtures.respond;
import static uk.redress.complaint.api.ListFixtures.withdraw;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.redress.local.LocalStackProcess;
import uk.redress.testing.InjectLocalStack;
import uk.redress.testing.LocalStackTestResource;

@QuarkusTest
@WithTestResource(value = LocalStackTestResource.class,
        initArgs = @ResourceArg(name = LocalStackTestResource.SERVICE, value = "complaint-service"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintListTest {

    /** In each summary of this class's complaints, so that the list can be narrowed to them, whatever else it holds. */
    private final String marker = "list-" + UUID.randomUUID().toString().substring(0, 8);

    @InjectLocalStack
    LocalStackProcess stack;

    private String fresh;
    private String lapsedCorporate;
    private String withdrawn;
    private String atStageTwo;

    /** Once for the class; in a @BeforeEach because the service does not answer yet when @BeforeAll runs. */
    @BeforeEach
    void fourComplaints() {
        if (fresh != null) {
            return;
        }
        // Yesterday: no deadline has lapsed yet (the first, the acknowledgement, is 3 working days away at least).
        fresh = receive("durham-sendiass", "Fresh " + marker + " no reply about the EHC assessment", daysAgo(1));
        // Sixty days ago: its 10-working-day response has lapsed.
        lapsedCorporate = receive("council-corporate", "Lapsed " + marker + " transport", daysAgo(60));
        // Ten days ago, and withdrawn: its clocks stopped, though its acknowledgement had lapsed.
        withdrawn = receive("durham-sendiass", "Withdrawn " + marker + " tribunal", daysAgo(10));
        withdraw(withdrawn);
        // Five days ago, acknowledged and answered, and now at stage 2, whose clocks have just started.
        atStageTwo = receive("durham-sendiass", "Escalated " + marker + " annual review", daysAgo(5));
        acknowledge(atStageTwo);
        respond(atStageTwo);
        escalate(atStageTwo);
    }

    @Test
    void aComplaintIsListedAsSoonAsItsPostHasAnsweredNewestReceivedFirst() {
        JsonPath page = page(Map.of("q", marker));

        assertThat(page.<String>getList("items.id")).containsExactly(fresh, atStageTwo, withdrawn, lapsedCorporate);
        assertThat(page.getString("nextCursor")).isNull();
        assertThat(page.getString("items[0].procedure")).isEqualTo("durham-sendiass");
        assertThat(page.getString("items[0].stage")).isEqualTo("stage-1");
        assertThat(page.getString("items[0].status")).isEqualTo("OPEN");
        assertThat(page.getString("items[0].receivedAt")).isEqualTo(daysAgo(1).toString());
        assertThat(page.getString("items[0].reference")).matches("SEND-\\d{4}-\\d{6}");
        assertThat(page.getInt("items[0].version")).isEqualTo(1);
        assertThat(page.getInt("items[1].version")).isEqualTo(4);
        assertThat(page.getString("items[2].nextLapseAt")).isNull();
    }

    @Test
    void theStatusFilterListsOnlyThatStatusInAnyCase() {
        assertThat(ids(Map.of("q", marker, "status", "WITHDRAWN"))).containsExactly(withdrawn);
        assertThat(ids(Map.of("q", marker, "status", "open"))).containsExactly(fresh, atStageTwo, lapsedCorporate);
    }

    @Test
    void theStageFilterListsOnlyThatStage() {
        assertThat(ids(Map.of("q", marker, "stage", "stage-2"))).containsExactly(atStageTwo);
        assertThat(ids(Map.of("q", marker, "stage", "stage-1")))
                .containsExactly(fresh, withdrawn, lapsedCorporate);
    }

    @Test
    void theProcedureFilterListsOnlyThatProcedure() {
        assertThat(ids(Map.of("q", marker, "procedure", "council-corporate"))).containsExactly(lapsedCorporate);
        assertThat(ids(Map.of("q", marker, "procedure", "durham-sendiass", "status", "OPEN")))
                .containsExactly(fresh, atStageTwo);
    }

    @Test
    void overdueListsTheOpenComplaintsWithALapsedRunningDeadline() {
        JsonPath overdue = page(Map.of("q", marker, "overdue", "true"));
        assertThat(overdue.<String>getList("items.id")).containsExactly(lapsedCorporate);
        assertThat(overdue.getBoolean("items[0].overdue")).isTrue();
        assertThat(ids(Map.of("q", marker, "overdue", "false"))).containsExactly(fresh, atStageTwo, withdrawn);
        assertThat(page(Map.of("q", marker, "overdue", "false")).<Boolean>getList("items.overdue"))
                .containsOnly(false);
    }

    @Test
    void receivedFromAndToIncludeBothEnds() {
        assertThat(ids(Map.of("q", marker, "receivedFrom", daysAgo(10).toString(),
                "receivedTo", daysAgo(5).toString()))).containsExactly(atStageTwo, withdrawn);
        assertThat(ids(Map.of("q", marker, "receivedFrom", daysAgo(5).toString())))
                .containsExactly(fresh, atStageTwo);
        assertThat(ids(Map.of("q", marker, "receivedTo", daysAgo(11).toString())))
                .containsExactly(lapsedCorporate);
    }

    @Test
    void textIsFoundInTheSummaryOrTheReferenceWhateverItsCase() {
        assertThat(ids(Map.of("q", marker.toUpperCase(Locale.ROOT)))).hasSize(4);
        assertThat(ids(Map.of("q", ("Withdrawn " + marker).toUpperCase(Locale.ROOT)))).containsExactly(withdrawn);
        String reference = api().when().get("/api/v1/complaints/" + lapsedCorporate).then().extract().path("reference");
        assertThat(ids(Map.of("q", reference.toLowerCase(Locale.ROOT)))).containsExactly(lapsedCorporate);
        // A % is looked for as it is, not as a wildcard.
        assertThat(ids(Map.of("q", marker + "%"))).isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithNoComplaintTwiceAndNoneSkipped() {
        String pagingMarker = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> created = new ArrayList<>();
        // Several on the same day: the order breaks ties by id, so a page boundary between them loses none.
        for (int days : new int[] {1, 1, 1, 2, 2, 3, 4}) {
            created.add(receive("durham-sendiass", "Paging " + pagingMarker, daysAgo(days)));
        }
        List<String> onOnePage = ids(Map.of("q", pagingMarker, "limit", 200));

        List<String> paged = new ArrayList<>();
        JsonPath first = page(Map.of("q", pagingMarker, "limit", 3));
        paged.addAll(first.getList("items.id"));
        JsonPath second = page(Map.of("q", pagingMarker, "limit", 3, "cursor", first.getString("nextCursor")));
        paged.addAll(second.getList("items.id"));
        JsonPath third = page(Map.of("q", pagingMarker, "limit", 3, "cursor", second.getString("nextCursor")));
        paged.addAll(third.getList("items.id"));

        assertThat(first.<String>getList("items.id")).hasSize(3);
        assertThat(second.<String>getList("items.id")).hasSize(3);
        assertThat(third.<String>getList("items.id")).hasSize(1);
        assertThat(third.getString("nextCursor")).isNull();
        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(onOnePage)
                .containsExactlyInAnyOrderElementsOf(created);
        assertThat(everyPage(Map.of("q", pagingMarker, "limit", 2))).extracting(item -> item.get("id"))
                .containsExactlyElementsOf(onOnePage);
    }

    @Test
    void theLimitIsFiftyUnlessAsked() {
        String manyMarker = "many-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 51; i++) {
            receive("durham-sendiass", "Many " + manyMarker, daysAgo(1));
        }
        JsonPath page = page(Map.of("q", manyMarker));
        assertThat(page.<String>getList("items.id")).hasSize(50);
        assertThat(page.getString("nextCursor")).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "status       | CLOSEDISH  | must be one of OPEN, CLOSED, WITHDRAWN, SIGNPOSTED",
            "stage        | stage-9    | must be one of",
            "procedure    | nowhere    | must be one of durham-sendiass, lgsco-code",
            "overdue      | yes        | must be true or false, was 'yes'",
            "receivedFrom | 2026-13-01 | must be a date (YYYY-MM-DD), was '2026-13-01'",
            "receivedTo   | 23/11/2026 | must be a date (YYYY-MM-DD)",
            "limit        | 0          | must be a whole number from 1 to 200, was 0",
            "limit        | 201        | must be a whole number from 1 to 200, was 201",
            "limit        | ten        | must be a whole number from 1 to 200, was 'ten'",
            "cursor       | bm90LWEtY3Vyc29y | must be the nextCursor of an earlier page",
    })
    void aBadParameterIsRefusedNamingItAndItsRule(String parameter, String value, String rule) {
        api().queryParam(parameter, value)
                .when().get("/api/v1/complaints")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo(parameter))
                .body("errors[0].rule", containsString(rule))
                .body("detail", containsString(parameter));
    }

    @Test
    void everyBadParameterIsNamedInOneAnswer() {
        api().queryParam("status", "CLOSEDISH").queryParam("overdue", "yes").queryParam("limit", 0)
                .queryParam("receivedFrom", "2026-13-01").queryParam("procedure", "durham-sendiass")
                .when().get("/api/v1/complaints")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("The request has invalid parameters"))
                .body("errors.field", contains("status", "overdue", "receivedFrom", "limit"))
                .body("errors[3].rule", equalTo("must be a whole number from 1 to 200, was 0"))
                .body("detail", allOf(containsString("status must be one of"),
                        containsString("; overdue must be true or false, was 'yes'")));
    }

    @Test
    void receivedToBeforeReceivedFromIsRefused() {
        api().queryParam("receivedFrom", "2026-11-20").queryParam("receivedTo", "2026-11-10")
                .when().get("/api/v1/complaints")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("receivedTo"))
                .body("errors[0].rule", equalTo("must not be before receivedFrom (2026-11-20), was 2026-11-10"));
    }

    @Test
    void overlongTextIsRefused() {
        api().queryParam("q", "x".repeat(201))
                .when().get("/api/v1/complaints")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("q"))
                .body("errors[0].rule", equalTo("must be at most 200 characters"));
    }

    @Test
    void theListIsDescribedBesideTheOtherComplaintEndpoints() {
        api().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/complaints'.get.parameters.name", hasItems("status",
                        "stage", "procedure", "overdue", "receivedFrom", "receivedTo", "q", "limit", "cursor"))
                .body("paths.'/api/v1/complaints'.post.summary", equalTo("Receive a complaint"))
                .body("paths.'/api/v1/admin/projections/{name}/rebuild'.post.responses.'202'.description",
                        containsString("Started"));
        api().when().get("/api/v1/complaints/" + fresh).then().statusCode(200).body("id", equalTo(fresh));
    }

    private LocalDate daysAgo(int days) {
        return stack.today().minusDays(days);
    }
}
