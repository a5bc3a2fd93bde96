package uk.redress.workflow.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security headers both services send with every answer, page or API, as a public-sector service is expected
 * to: no content sniffing, never framed, no referrer (the tasklist's addresses carry complaint ids), a content security
 * policy that allows only the service's own files, and HSTS where the request came over TLS (at the service, or at
 * the ingress in front of it, as {@code X-Forwarded-Proto} says).
 */
public final class SecurityHeaders {

    /** Pages load their style sheet and nothing else, from the service itself; forms post back to it. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'; object-src 'none'";
    /** Swagger UI's page starts itself with an inline script and styles. */
    static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

    private SecurityHeaders() {
    }

    /** The headers of an answer to a request for {@code path}, made over TLS or not. */
    public static Map<String, String> of(String path, boolean overTls) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy",
                path.startsWith("/q/swagger-ui") ? SWAGGER_UI_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
        if (overTls) {
            headers.put("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        return headers;
    }
}
