package uk.redress.faults;

/** The faults the suite injects, one after another, each under a load of complaints. */
enum Fault {

    SERVICE_KILLED("a complaint service instance killed with SIGKILL mid-append"),
    KAFKA_STOPPED("Kafka stopped"),
    ENGINE_RESTARTED_EMPTY("the engine restarted empty"),
    SMTP_REFUSING("SMTP refusing"),
    POSTGRES_RESTARTED("PostgreSQL restarted"),
    PROCESS_CANCELLED("process instances cancelled behind the service's back");

    private final String description;

    Fault(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** The name in the table: {@code kafka-stopped}. */
    String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
