package uk.redress.local;

import java.util.Locale;

/** Every port the local stack listens on, all on 127.0.0.1, each changeable with its own option. */
public enum Port {
    POSTGRES(Part.POSTGRES, 15432, "PostgreSQL"),
    KAFKA(Part.KAFKA, 19092, "Kafka"),
    KAFKA_CONTROLLER(Part.KAFKA, 19093, "Kafka KRaft controller"),
    ZEEBE(Part.ZEEBE, 26500, "Zeebe gRPC gateway"),
    ENGINE_HTTP(Part.ZEEBE, 26501, "engine HTTP"),
    SMTP(Part.MAIL, 3025, "SMTP"),
    MAILBOX(Part.MAIL, 8025, "mailbox"),
    COMPLAINT_SERVICE(Part.COMPLAINT_SERVICE, 8080, "complaint-service"),
    NOTIFICATION_SERVICE(Part.NOTIFICATION_SERVICE, 8081, "notification-service");

    private final Part part;
    private final int defaultNumber;
    private final String title;

    Port(Part part, int defaultNumber, String title) {
        this.part = part;
        this.defaultNumber = defaultNumber;
        this.title = title;
    }

    public Part part() {
        return part;
    }

    public int defaultNumber() {
        return defaultNumber;
    }

    public String title() {
        return title;
    }

    /** The command-line option that changes this port, for example {@code --postgres-port}. */
    public String option() {
        return "--" + name().toLowerCase(Locale.ROOT).replace('_', '-') + "-port";
    }
}
