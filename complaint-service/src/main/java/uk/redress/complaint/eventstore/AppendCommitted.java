package uk.redress.complaint.eventstore;

/**
 * Told of every append once its transaction has committed, on the thread that committed it: the outbox's relays, woken
 * to send its events on at once. The event store calls every bean of this type; it knows none of them. An answer must
 * not wait for anything: the caller's answer waits for it.
 */
@FunctionalInterface
public interface AppendCommitted {

    void committed();
}
