package uk.redress.complaint.api;

import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.redress.workflow.tracing.LogFields;

/**
 * Every log line written while a request about one complaint is handled names it ({@link LogFields#COMPLAINT_ID}):
 * the API's and the tasklist's complaint paths. Quarkus keeps the MDC with the request's context, so the field follows
 * the request across its reactive steps and goes with it.
 */
public class ComplaintIdInLogs {

    private static final Pattern COMPLAINT_PATH =
            Pattern.compile("/(?:api/v1|tasklist)/complaints/([0-9a-fA-F]{8}-[0-9a-fA-F-]{27})");

    @ServerRequestFilter
    void nameTheComplaint(UriInfo uri) {
        Matcher complaint = COMPLAINT_PATH.matcher(uri.getPath());
        if (complaint.find()) {
            MDC.put(LogFields.COMPLAINT_ID, complaint.group(1));
        }
    }
}
