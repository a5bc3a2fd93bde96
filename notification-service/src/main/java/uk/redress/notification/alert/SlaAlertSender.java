package uk.redress.notification.alert;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import uk.redress.notification.sentlog.ChannelSender;
import uk.redress.notification.sentlog.Delivery;

/** The {@code sla-alerts} topic, keyed by complaint id; consumers drop a repeat by its {@code notificationId}. */
@ApplicationScoped
public class SlaAlertSender implements ChannelSender {

    public static final String CHANNEL = "sla-alerts";

    private final MutinyEmitter<String> alerts;

    public SlaAlertSender(@Channel(CHANNEL) MutinyEmitter<String> alerts) {
        this.alerts = alerts;
    }

    @Override
    public uk.redress.notification.sentlog.Channel channel() {
        return uk.redress.notification.sentlog.Channel.SLA_ALERT;
    }

    @Override
    public Uni<Void> send(Delivery delivery) {
        return alerts.sendMessage(KafkaRecord.of(delivery.complaintId(), delivery.payload()));
    }
}
