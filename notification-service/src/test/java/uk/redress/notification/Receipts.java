package uk.redress.notification;

import static org.awaitility.Awaitility.await;

import io.quarkus.vertx.VertxContextSupport;
import java.time.Duration;
import uk.redress.notification.letter.ComplainantContacts;

/** The service has read a complaint's receipt from Kafka: its staff emails name it by its reference from then on. */
public final class Receipts {

    private Receipts() {
    }

    /** Waits until the service has read the receipt of {@code complaintId} (on a Vert.x context, as it reads it). */
    public static void awaitRead(ComplainantContacts contacts, String complaintId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                return VertxContextSupport.subscribeAndAwait(() -> contacts.find(complaintId)).isPresent();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
