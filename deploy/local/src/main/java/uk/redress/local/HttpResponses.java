package uk.redress.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** JSON answers for the stack's small HTTP endpoints; errors as RFC 9457 problem details. */
final class HttpResponses {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A request the endpoint cannot take: answered 400 with this message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    interface Handler {
        Object answer(HttpExchange exchange) throws Exception;
    }

    private HttpResponses() {
    }

    static void handle(HttpExchange exchange, String method, Handler handler) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals(method)) {
                exchange.getResponseHeaders().add("Allow", method);
                send(exchange, 405, "application/problem+json", Map.of("title", "Method Not Allowed", "status", 405,
                        "detail", exchange.getRequestURI().getPath() + " answers " + method + " only"));
                return;
            }
            Object body;
            try {
                body = handler.answer(exchange);
            } catch (BadRequest e) {
                send(exchange, 400, "application/problem+json",
                        Map.of("title", "Bad Request", "status", 400, "detail", e.getMessage()));
                return;
            } catch (Exception e) {
                System.err.println("The stack's " + exchange.getRequestURI().getPath() + " failed:");
                e.printStackTrace(System.err);
                send(exchange, 500, "application/problem+json", Map.of("title", "Internal Server Error",
                        "status", 500, "detail", String.valueOf(e.getMessage())));
                return;
            }
            send(exchange, 200, "application/json", body);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
