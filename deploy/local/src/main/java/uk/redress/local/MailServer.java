package uk.redress.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.util.MailStreamProvider;

/**
 * A real SMTP server (GreenMail) that keeps every message it accepts, and a mailbox that shows them as JSON:
 * {@code GET /messages}. Each accepted message is filed, as the JSON the mailbox shows, in a file of the stack's data
 * directory and let go from GreenMail's store: the server's memory stays flat however many messages it takes (a lapse
 * burst sends thousands), and messages accepted before a stop (a fault the fault suite injects) are still shown.
 */
final class MailServer implements Component {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often accepted messages are filed when nobody asks for them. */
    private static final Duration FILING_INTERVAL = Duration.ofSeconds(1);

    private final int smtpPort;
    private final int mailboxPort;
    /** One JSON object a line, in the order messages were filed. */
    private final Path messagesFile;
    private GreenMail greenMail;
    private HttpServer mailbox;
    private ScheduledExecutorService filing;

    MailServer(int smtpPort, int mailboxPort, Path dataDir) {
        this.smtpPort = smtpPort;
        this.mailboxPort = mailboxPort;
        this.messagesFile = dataDir.resolve("messages.jsonl");
    }

    @Override
    public String title() {
        return Part.MAIL.title();
    }

    @Override
    public void start() throws IOException {
        // Jakarta Mail looks its stream provider up each time it parses a message or a block of headers, through a
        // ServiceLoader that scans every jar of the stack's classpath (jakartaee/mail-api#861); named, it is made by one
        // Class.forName. Profiled in a burst of 10,000 lapse emails, the lookup took 64% of the SMTP server's CPU.
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        Files.createDirectories(messagesFile.getParent());
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        filing = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("mail-filing").factory());
        filing.scheduleWithFixedDelay(this::fileQuietly, FILING_INTERVAL.toMillis(), FILING_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        mailbox = HttpServer.create(new InetSocketAddress("127.0.0.1", mailboxPort), 0);
        mailbox.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        mailbox.createContext("/messages", exchange -> HttpResponses.handle(exchange, "GET", e -> messages()));
        mailbox.start();
    }

    private List<JsonNode> messages() throws IOException, FolderException {
        fileAccepted();
        List<JsonNode> messages = new ArrayList<>();
        synchronized (messagesFile) {
            if (Files.exists(messagesFile)) {
                try (var lines = Files.lines(messagesFile, StandardCharsets.UTF_8)) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        messages.add(JSON.readTree(line));
                    }
                }
            }
        }
        return messages;
    }

    private void fileQuietly() {
        try {
            fileAccepted();
        } catch (IOException | FolderException | RuntimeException e) {
            System.err.println("The mail server could not file the messages it accepted (tried again in "
                    + FILING_INTERVAL.toSeconds() + " s): " + e);
        }
    }

    /**
     * Appends each message GreenMail holds (one a recipient, as GreenMail keeps them) to the file, then deletes it from
     * GreenMail: only the messages filed are flagged and expunged, so one accepted meanwhile waits for the next turn.
     */
    private void fileAccepted() throws IOException, FolderException {
        synchronized (messagesFile) {
            if (greenMail == null) {
                return;
            }
            for (MailFolder folder : greenMail.getManagers().getImapHostManager().getStore().listMailboxes("*")) {
                List<StoredMessage> accepted = folder.getNonDeletedMessages();
                if (accepted.isEmpty()) {
                    continue;
                }
                StringBuilder lines = new StringBuilder();
                for (StoredMessage message : accepted) {
                    lines.append(JSON.writeValueAsString(toJson(message.getMimeMessage()))).append('\n');
                }
                Files.writeString(messagesFile, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                for (StoredMessage message : accepted) {
                    message.setFlag(Flags.Flag.DELETED, true);
                }
                folder.expunge();
            }
        }
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
        if (filing != null) {
            filing.shutdownNow();
            filing = null;
        }
        if (greenMail != null) {
            fileQuietly();
            synchronized (messagesFile) {
                greenMail.stop();
                greenMail = null;
            }
        }
    }
}
