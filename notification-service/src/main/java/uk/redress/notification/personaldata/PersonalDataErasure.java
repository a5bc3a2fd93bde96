package uk.redress.notification.personaldata;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import uk.redress.notification.sentlog.SentLog;

/**
 * Drops this service's copies of a complainant's personal data in one complaint, on its {@code personal-data-erased}
 * event (the complaint service has destroyed their key by then, and sends one such event per complaint of theirs).
 * The complainant's contact is kept sealed as it came, so the destroyed key has already erased it; the sent-log keeps
 * what was sent in the clear, so there it is overwritten. Applied twice, it leaves the same.
 */
@ApplicationScoped
public class PersonalDataErasure {

    private static final Logger LOG = Logger.getLogger(PersonalDataErasure.class);

    private final SentLog sentLog;

    public PersonalDataErasure(SentLog sentLog) {
        this.sentLog = sentLog;
    }

    public Uni<Void> erase(String complaintId) {
        return sentLog.erasePersonalData(complaintId)
                .invoke(erased -> LOG.infof("Erased the complainant's personal data from %d deliveries of complaint %s",
                        erased, complaintId))
                .replaceWithVoid();
    }
}
