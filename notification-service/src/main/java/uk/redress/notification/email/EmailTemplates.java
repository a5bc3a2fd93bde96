package uk.redress.notification.email;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The Qute templates of every email, in plain text and HTML: {@code templates/email/<name>.txt} and {@code .html},
 * where a procedure's own wording, {@code templates/email/<procedure>/<name>.txt}, takes precedence.
 */
@ApplicationScoped
public class EmailTemplates {

    private final Engine qute;

    public EmailTemplates(Engine qute) {
        this.qute = qute;
    }

    /** The text and HTML of the email {@code name} under {@code procedure}, with {@code data} for its placeholders. */
    public RenderedEmail render(String name, String procedure, Map<String, Object> data) {
        return new RenderedEmail(template(name, procedure, "txt").data(data).render(),
                template(name, procedure, "html").data(data).render());
    }

    private io.quarkus.qute.TemplateInstance template(String name, String procedure, String format) {
        Template own = qute.getTemplate("email/" + procedure + "/" + name + "." + format);
        Template template = own != null ? own : qute.getTemplate("email/" + name + "." + format);
        if (template == null) {
            throw new IllegalStateException("no template email/" + name + "." + format);
        }
        return template.instance();
    }

    public record RenderedEmail(String text, String html) {
    }
}
