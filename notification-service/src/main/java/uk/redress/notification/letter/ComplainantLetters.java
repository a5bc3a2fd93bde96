package uk.redress.notification.letter;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.redress.notification.KnownProcedures;
import uk.redress.notification.NotificationsConfig;
import uk.redress.notification.email.EmailTemplates;
import uk.redress.notification.event.ComplaintCloudEvent;
import uk.redress.notification.event.UnusableEventException;
import uk.redress.notification.personaldata.PersonalData;
import uk.redress.notification.sentlog.Delivery;
import uk.redress.notification.sentlog.Dispatcher;
import uk.redress.notification.sentlog.Notification;
import uk.redress.notification.sentlog.SentLog;
import uk.redress.workflow.personaldata.PersonalDataCipher;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;

/**
 * The complainant's letters, one per event that calls for one: the acknowledgement (the stage, what happens next,
 * by when), the stage 2 acknowledgement, the extension notice, the response and the closing letter, the last three
 * with the route to the Ombudsman where it is open. Each letter's id is derived from its event's id.
 *
 * <p>The complainant's name, address and summary, and the personal fields of each event, come sealed with the
 * complainant's key: they are opened with the key read as the letter is written, and never stored opened. Once the
 * key is destroyed a letter is withheld, and recorded as such, rather than sent to an erased address.
 */
@ApplicationScoped
public class ComplainantLetters {

    private static final Logger LOG = Logger.getLogger(ComplainantLetters.class);
    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final ComplainantContacts contacts;
    private final PersonalData personalData;
    private final Dispatcher dispatcher;
    private final EmailTemplates templates;
    private final KnownProcedures procedures;
    private final NotificationsConfig config;

    public ComplainantLetters(ComplainantContacts contacts, PersonalData personalData, Dispatcher dispatcher,
                              EmailTemplates templates, KnownProcedures procedures, NotificationsConfig config) {
        this.contacts = contacts;
        this.personalData = personalData;
        this.dispatcher = dispatcher;
        this.templates = templates;
        this.procedures = procedures;
        this.config = config;
    }

    /** Completes once what the event changes is stored and its letter, if any, is in the sent-log. */
    public Uni<Void> handle(ComplaintCloudEvent event) {
        if (event.name().equals("received")) {
            return received(event);
        }
        return contacts.find(event.subject()).chain(found -> found
                .map(contact -> follow(event, contact))
                .orElseGet(() -> {
                    LOG.debugf("No complainant known for complaint %s: no letter for %s", event.subject(), event.type());
                    return Uni.createFrom().voidItem();
                }));
    }

    /**
     * Only complaints get letters: comments, compliments and signposted claims have no stages to tell of. The contact
     * is stored as it came, sealed.
     */
    private Uni<Void> received(ComplaintCloudEvent event) {
        JsonNode data = event.data();
        String email = data.path("complainant").path("email").asText("");
        if (!data.path("kind").asText("COMPLAINT").equals("COMPLAINT") || email.isBlank()
                || data.path("stage").isNull() || data.path("stage").isMissingNode()) {
            return Uni.createFrom().voidItem();
        }
        return contacts.save(new ComplainantContact(event.subject(), event.complainantId(),
                data.path("reference").asText(), data.path("procedure").asText(),
                data.path("complainant").path("name").asText(), email, data.path("summary").asText(),
                data.path("stage").asText(), dueDates(data.path("deadlines"))));
    }

    private Uni<Void> follow(ComplaintCloudEvent event, ComplainantContact contact) {
        try {
            return changes(event, contact);
        } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException e) {
            return unwritable(e);
        }
    }

    /** An event whose own content no letter can be written from: a retry would fail the same way. */
    private static Uni<Void> unwritable(RuntimeException e) {
        return Uni.createFrom().failure(new UnusableEventException(e.getMessage()));
    }

    private Uni<Void> changes(ComplaintCloudEvent event, ComplainantContact contact) {
        JsonNode data = event.data();
        ProcedurePolicy procedure = procedures.find(contact.procedure()).orElseThrow(
                () -> new UnusableEventException("unknown procedure '" + contact.procedure() + "'"));
        return switch (event.name()) {
            case "acknowledged" -> {
                ComplainantContact updated = contact.withDeadlines(dueDates(data.path("deadlinesStarted")),
                        texts(data.path("clocksMet")));
                boolean firstStage = procedure.stages().getFirst().id().equals(data.path("stage").asText());
                yield saveAndSend(event, updated, procedure,
                        firstStage ? "letter-acknowledgement" : "letter-stage-acknowledgement");
            }
            case "deadline-extended" -> {
                ComplainantContact updated = contact.withDeadlines(Map.of(data.path("clock").asText(),
                        LocalDate.parse(data.path("deadline").path("dueDate").asText())), List.of());
                yield saveAndSend(event, updated, procedure, "letter-extension");
            }
            case "responded" -> {
                ComplainantContact updated = contact.withDeadlines(Map.of(), texts(data.path("clocksMet")));
                yield saveAndSend(event, updated, procedure, "letter-response");
            }
            case "closed" -> send(event, contact, procedure, "letter-closing");
            case "escalated" -> contacts.save(contact.atStage(data.path("toStage").asText())
                    .withDeadlines(dueDates(data.path("deadlinesStarted")), List.of()));
            case "step-completed", "stage-decided" -> contacts.save(contact.withDeadlines(
                    dueDates(data.path("deadlinesStarted")), texts(data.path("clocksMet"))));
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> saveAndSend(ComplaintCloudEvent event, ComplainantContact contact, ProcedurePolicy procedure,
                                  String kind) {
        return contacts.save(contact).chain(() -> send(event, contact, procedure, kind));
    }

    /**
     * Has the letter recorded, written with the complainant's key as it stands now; once the key is destroyed, the
     * letter is recorded as withheld, with nothing of the complainant in it.
     */
    private Uni<Void> send(ComplaintCloudEvent event, ComplainantContact contact, ProcedurePolicy procedure,
                           String kind) {
        Notification notification = new Notification(Notification.idOf("letter", event.id()), contact.complaintId(),
                kind, null, event.trace());
        return personalData.keyOf(event.complainantId().or(contact::complainantId)).chain(key -> {
            if (key.erased()) {
                LOG.infof("The %s of complaint %s is withheld: %s", kind, contact.complaintId(),
                        SentLog.PERSONAL_DATA_ERASED);
                return dispatcher.withhold(Delivery.email(notification, PersonalDataCipher.ERASED,
                        PersonalDataCipher.ERASED, null, null), SentLog.PERSONAL_DATA_ERASED);
            }
            Delivery letter;
            try {
                letter = letter(notification, key.open(event.data()), contact.openedWith(key), procedure);
            } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException e) {
                return unwritable(e);
            }
            return dispatcher.dispatch(List.of(letter));
        });
    }

    /** The letter from the event's data and the contact, both opened. */
    private Delivery letter(Notification notification, JsonNode data, ComplainantContact contact,
                            ProcedurePolicy procedure) {
        String kind = notification.kind();
        Stage stage = stageOf(procedure, data.path("stage").asText(contact.stage()));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", contact.name());
        values.put("reference", contact.reference());
        values.put("summary", contact.summary());
        values.put("organisation", procedure.name());
        values.put("stage", stage.name());
        values.put("handlerLetter", data.path("letter").asText(""));
        values.put("nextDates", nextDates(contact, stage));
        values.put("ombudsmanDetails", data.path("ombudsmanDetails").asText("").isBlank()
                ? config.ombudsmanDetails() : data.path("ombudsmanDetails").asText());
        values.put("ombudsmanOpen", stage.signpostOmbudsman() || stage.isFinal()
                || procedure.stages().getLast().equals(stage));
        switch (kind) {
            case "letter-extension" -> {
                values.put("clockName", procedure.clock(data.path("clock").asText()).name());
                values.put("previousDueDate", ukDate(data.path("previousDueDate").asText()));
                values.put("newDueDate", ukDate(data.path("deadline").path("dueDate").asText()));
                values.put("reason", data.path("reason").asText());
            }
            case "letter-response" -> {
                values.put("outcome", outcome(data.path("outcome").asText()));
                values.put("remedies", texts(data.path("remedies")).stream().map(ComplainantLetters::remedy).toList());
                Optional<Stage> next = procedure.nextStage(stage);
                values.put("nextStage", next.map(Stage::name).orElse(""));
                values.put("nextStageBy", data.path("nextStageRequestWindow").path("dueDate").isTextual()
                        ? ukDate(data.path("nextStageRequestWindow").path("dueDate").asText()) : "");
            }
            case "letter-closing" -> values.put("reason", data.path("reason").asText());
            default -> {
            }
        }
        EmailTemplates.RenderedEmail email = templates.render(kind, procedure.id(), values);
        return Delivery.email(notification, contact.email(), subject(kind, contact.reference()), email.text(),
                email.html());
    }

    static String subject(String kind, String reference) {
        return "Your complaint " + reference + ": " + switch (kind) {
            case "letter-acknowledgement" -> "we have received it";
            case "letter-stage-acknowledgement" -> "we have received your request for the next stage";
            case "letter-extension" -> "we need more time";
            case "letter-response" -> "our response";
            case "letter-closing" -> "your complaint is closed";
            default -> throw new UnusableEventException("no subject for " + kind);
        };
    }

    /** The dates the complainant waits for at this stage: each pending clock of the stage, soonest first. */
    private List<Map<String, String>> nextDates(ComplainantContact contact, Stage stage) {
        List<Map<String, String>> dates = new ArrayList<>();
        stage.clocks().stream()
                .filter(clock -> contact.deadlines().containsKey(clock.id()))
                .sorted((a, b) -> contact.deadlines().get(a.id()).compareTo(contact.deadlines().get(b.id())))
                .forEach(clock -> dates.add(Map.of("what", clock.name(),
                        "by", contact.deadlines().get(clock.id()).format(UK_DATE))));
        return dates;
    }

    private static Stage stageOf(ProcedurePolicy procedure, String stageId) {
        return procedure.stages().stream().filter(stage -> stage.id().equals(stageId)).findFirst()
                .orElse(procedure.stages().getFirst());
    }

    private static Map<String, LocalDate> dueDates(JsonNode deadlines) {
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        deadlines.properties().forEach(entry -> dates.put(entry.getKey(),
                LocalDate.parse(entry.getValue().path("dueDate").asText())));
        return dates;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String ukDate(String isoDate) {
        return LocalDate.parse(isoDate).format(UK_DATE);
    }

    private static String outcome(String outcome) {
        return switch (outcome) {
            case "UPHELD" -> "We uphold your complaint.";
            case "PARTLY_UPHELD" -> "We uphold your complaint in part.";
            case "NOT_UPHELD" -> "We do not uphold your complaint.";
            default -> "";
        };
    }

    private static String remedy(String remedy) {
        return switch (remedy) {
            case "EXPLANATION" -> "an explanation of what happened";
            case "APOLOGY" -> "an apology";
            case "PRACTICAL_ACTION" -> "practical action to put things right";
            case "CHANGE" -> "a change specific to your complaint";
            case "REVIEW_OF_PRACTICE" -> "a review of our practice";
            case "PAYMENT" -> "a payment";
            default -> remedy.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
