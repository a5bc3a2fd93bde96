package uk.redress.complaint;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A stack apart from the shared one, for the tests that move the engine's clock (which is the service's clock too) a
 * month or more on, past every other test's deadlines. They share it with each other: each starts its own complaints
 * at the clock's today and moves the clock on from wherever it is, so none minds how far another moved it.
 */
public class MovingClockStack implements QuarkusTestProfile {
}
