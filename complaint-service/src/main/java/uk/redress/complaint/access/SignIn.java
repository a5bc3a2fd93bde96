package uk.redress.complaint.access;

import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;

/** Where a person at the tasklist who is not signed in is sent, to come back to the page they asked for. */
public final class SignIn {

    /** The tasklist's pages: a request there without a session is sent to sign in rather than refused. */
    public static final String TASKLIST = "/tasklist";
    public static final String PATH = TASKLIST + "/sign-in";

    private SignIn() {
    }

    /** The sign-in page, to come back to {@code requested} afterwards. */
    public static URI address(URI requested) {
        String then = requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
        return UriBuilder.fromPath(PATH).queryParam("then", then).build();
    }
}
