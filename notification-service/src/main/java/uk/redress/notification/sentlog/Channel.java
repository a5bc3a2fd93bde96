package uk.redress.notification.sentlog;

/** How a notification reaches its recipient. */
public enum Channel {
    EMAIL,
    /** The Kafka topic {@code sla-alerts}, for automated consumers. */
    SLA_ALERT,
    WEBHOOK;

    /** As metrics tag it: {@code email}, {@code sla-alert}, {@code webhook}. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
