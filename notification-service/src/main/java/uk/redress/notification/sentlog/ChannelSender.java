package uk.redress.notification.sentlog;

import io.smallrye.mutiny.Uni;
import java.util.OptionalInt;

/** Sends a delivery on one channel; the item arrives when the other side has accepted it. */
public interface ChannelSender {

    Channel channel();

    Uni<Void> send(Delivery delivery);

    /** How many failed attempts before the delivery is dead-lettered; empty to keep trying until it goes out. */
    default OptionalInt maxAttempts() {
        return OptionalInt.empty();
    }
}
