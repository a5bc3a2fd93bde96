package uk.redress.notification.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An error answer as RFC 9457 problem details, in the complaint service's shape. */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://redress.uk/problems/";

    /** A parameter of the request and the rule it broke. */
    public record FieldError(String field, String rule) {
    }

    static Response badParameter(String parameter, String rule) {
        return response(new Problem(TYPE_BASE + "invalid-request", "The request has an invalid parameter", 400,
                "The query parameter '" + parameter + "' " + rule + ".", List.of(new FieldError(parameter, rule))));
    }

    /** 401, with the challenge that tells a client to send a bearer token. */
    static Response unauthenticated(String detail) {
        return Response.fromResponse(response(new Problem(TYPE_BASE + "unauthenticated", "Sign-in needed", 401,
                        detail, List.of())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    static Response forbidden(String detail) {
        return response(new Problem(TYPE_BASE + "forbidden", "Not allowed for your role", 403, detail, List.of()));
    }

    /** An error the framework raised, typed by its status as the complaint service types them. */
    static Response of(int status, String title, String detail) {
        return response(new Problem(TYPE_BASE + "http-" + status, title, status, detail, List.of()));
    }

    private static Response response(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }
}
