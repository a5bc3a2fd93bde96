package uk.redress.complaint;

/** A complaint as a council case system would send it, for the tests of this service. */
public final class ComplaintFixtures {

    private ComplaintFixtures() {
    }

    /** A Durham SENDIASS complaint received on {@code receivedAt} (YYYY-MM-DD). */
    public static String complaint(String receivedAt) {
        return """
                {"procedure": "durham-sendiass",
                 "complainant": {"name": "Sam Taylor", "email": "sam.taylor@example.org"},
                 "summary": "No reply to our request for an EHC needs assessment",
                 "details": "We asked on 1 October and have heard nothing since.",
                 "receivedAt": "%s"}
                """.formatted(receivedAt);
    }
}
