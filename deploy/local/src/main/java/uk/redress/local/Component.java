package uk.redress.local;

/** One running piece of the local stack. */
interface Component extends AutoCloseable {

    void start() throws Exception;

    /** Stops what {@link #start} started, as far as it got; never throws. */
    @Override
    void close();
}
