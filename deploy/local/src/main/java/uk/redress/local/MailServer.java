package uk.redress.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A real SMTP server (GreenMail) that keeps every message it accepts, and a mailbox that shows them as JSON:
 * {@code GET /messages}. Stopped and started again in the same stack (a fault the fault suite injects), it still
 * shows the messages it accepted before.
 */
final class MailServer implements Component {

    private final int smtpPort;
    private final int mailboxPort;
    private GreenMail greenMail;
    private HttpServer mailbox;
    /** The messages accepted before the server was last stopped. */
    private final List<MimeMessage> acceptedBefore = new CopyOnWriteArrayList<>();

    MailServer(int smtpPort, int mailboxPort) {
        this.smtpPort = smtpPort;
        this.mailboxPort = mailboxPort;
    }

    @Override
    public void start() throws IOException {
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        mailbox = HttpServer.create(new InetSocketAddress("127.0.0.1", mailboxPort), 0);
        mailbox.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        mailbox.createContext("/messages", exchange -> HttpResponses.handle(exchange, "GET", e -> messages()));
        mailbox.start();
    }

    private List<Map<String, Object>> messages() throws MessagingException, IOException {
        return Stream.concat(acceptedBefore.stream(), Arrays.stream(greenMail.getReceivedMessages()))
                .map(MailServer::toJson).toList();
    }

    private static Map<String, Object> toJson(MimeMessage message) {
        try {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("from", addresses(message.getFrom()));
            json.put("to", addresses(message.getAllRecipients()));
            json.put("subject", message.getSubject());
            json.put("body", textOf(message));
            Date time = message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
            json.put("time", time == null ? null : time.toInstant().toString());
            return json;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read a received message", e);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    /** The plain-text part where there is one: what a person would read. */
    private static String textOf(MimeMessage message) throws MessagingException, IOException {
        if (message.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return String.valueOf(part.getContent());
                }
            }
        }
        return GreenMailUtil.getBody(message);
    }

    @Override
    public void close() {
        if (mailbox != null) {
            mailbox.stop(0);
            mailbox = null;
        }
        if (greenMail != null) {
            acceptedBefore.addAll(Arrays.asList(greenMail.getReceivedMessages()));
            greenMail.stop();
            greenMail = null;
        }
    }
}
