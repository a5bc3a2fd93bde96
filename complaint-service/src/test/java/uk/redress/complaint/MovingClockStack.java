package uk.redress.complaint;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A stack apart from the shared one, for the tests that move the engine's clock (which is the service's clock too) a
 * month or more on, past every other test's deadlines. They share it with each other: each starts its own complaints
 * at the clock's today and moves the clock on from wherever it is, so none minds how far another moved it. The
 * record's own watches look every second here (they are off on the shared stack, whose clock never moves): the
 * deadline watch, with its default grace period, and the incident watch.
 */
public class MovingClockStack implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("redress.deadline-watch.every", "1s", "redress.incidents.every", "1s");
    }
}
