package uk.redress.notification.sentlog;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Map;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.ServiceConfiguration;
import uk.redress.local.StackSettings;

/**
 * The notification service's stack with the SMTP server in a process of its own, so that a test can stop it and
 * start it again on the same port.
 */
public class MailOutageResource implements QuarkusTestResourceLifecycleManager {

    static StackSettings settings;
    static StackSettings mailSettings;
    static LocalStackProcess mail;
    private LocalStackProcess others;

    @Override
    public Map<String, String> start() {
        try {
            settings = LocalStackProcess.onFreePorts(EnumSet.of(Part.POSTGRES, Part.KAFKA, Part.ZEEBE));
            mailSettings = settings.alone(Part.MAIL, "mail-alone");
            others = LocalStackProcess.start(settings);
            mail = LocalStackProcess.start(mailSettings);
            return ServiceConfiguration.connections(Part.NOTIFICATION_SERVICE, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void stopMail() {
        mail.close();
    }

    static void startMailAgain() throws IOException {
        mail = LocalStackProcess.start(mailSettings);
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.close();
        }
        if (others != null) {
            others.close();
        }
    }
}
