package uk.redress.notification.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import uk.redress.notification.sentlog.Channel;
import uk.redress.notification.sentlog.ChannelSender;
import uk.redress.notification.sentlog.Delivery;

/** Email over SMTP: plain text and HTML in one message. Retried until the SMTP server accepts it. */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final ReactiveMailer mailer;

    public EmailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Uni<Void> send(Delivery delivery) {
        Mail mail = new Mail()
                .setTo(Arrays.stream(delivery.target().split(",")).map(String::trim).toList())
                .setSubject(delivery.subject())
                .setText(delivery.bodyText())
                .setHtml(delivery.bodyHtml())
                // Lets a mail system that sees a rare resend (a crash between SMTP's answer and the sent-log's
                // update) recognise it as the same notification.
                .addHeader("X-Redress-Notification-Id", delivery.notificationId().toString());
        return mailer.send(mail);
    }
}
