package uk.redress.notification.access;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import uk.redress.workflow.http.SecurityHeaders;

/**
 * Puts {@link SecurityHeaders} on every answer, whatever answers it (a resource, a refusal of the sign-in, a static
 * file, health): added as the headers are about to go, first of all routes.
 */
@ApplicationScoped
class SecurityHeadersRoute {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ended -> SecurityHeaders.of(context.normalizedPath(),
                            "https".equals(context.request().scheme()))
                    .forEach((name, value) -> context.response().headers().set(name, value)));
            context.next();
        });
    }
}
