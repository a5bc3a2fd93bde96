package uk.redress.local;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The parts of the local stack. Each can be started on its own, so that a test starts only what it needs. */
public enum Part {
    POSTGRES("postgres", "PostgreSQL"),
    KAFKA("kafka", "Kafka"),
    ZEEBE("zeebe", "Zeebe engine"),
    MAIL("mail", "SMTP server"),
    COMPLAINT_SERVICE("complaint-service", "complaint-service"),
    NOTIFICATION_SERVICE("notification-service", "notification-service");

    private final String id;
    private final String title;

    Part(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public boolean isService() {
        return this == COMPLAINT_SERVICE || this == NOTIFICATION_SERVICE;
    }

    public static Part byId(String id) {
        return Arrays.stream(values())
                .filter(part -> part.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown part '" + id + "'; the parts are " + ids()));
    }

    static String ids() {
        return Arrays.stream(values()).map(Part::id).collect(Collectors.joining(", "));
    }
}
