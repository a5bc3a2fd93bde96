package uk.redress.notification;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Who hears of what, and how hard the service tries: everything under {@code redress.notifications}. */
@ConfigMapping(prefix = "redress.notifications")
public interface NotificationsConfig {

    /** Where a notice goes when its group has no addresses in the directory. */
    String defaultAddress();

    /** Each group of the procedures (a stage's handler, {@code managers}) to its email addresses. */
    Map<String, List<String>> directory();

    /** How a complainant reaches the Ombudsman, where an event does not say. */
    String ombudsmanDetails();

    /** Where caseworkers open the tasklist, as an assignment email links to it. */
    String tasklistAddress();

    /** The tasklist's page for a complaint, which opens its current task: every staff email about it links there. */
    default String taskPage(String complaintId) {
        return tasklistAddress().replaceAll("/+$", "") + "/complaints/" + complaintId;
    }

    Retry retry();

    Webhook webhook();

    /** A failed delivery waits {@code firstBackoff}, then twice as long each time, at most {@code maxBackoff}. */
    interface Retry {
        Duration firstBackoff();

        Duration maxBackoff();
    }

    interface Webhook {
        /** After this many failed attempts a webhook delivery is dead-lettered. */
        int maxAttempts();

        Duration timeout();

        /** Council case systems that receive the deadline notices, by name. */
        Map<String, Subscriber> subscribers();
    }

    interface Subscriber {
        URI url();

        /**
         * The keys the subscriber checks signatures with, as Standard Webhooks writes them ({@code whsec_} and base64):
         * one, or several during a rotation, each giving a signature.
         */
        List<String> secret();
    }
}
