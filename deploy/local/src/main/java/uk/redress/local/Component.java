package uk.redress.local;

/** One running piece of the local stack. */
interface Component extends AutoCloseable {

    /** What the stack calls it when it says it is up, or stuck: "Kafka", "complaint-service-2". */
    String title();

    void start() throws Exception;

    /** Stops what {@link #start} started, as far as it got; never throws. */
    @Override
    void close();
}
