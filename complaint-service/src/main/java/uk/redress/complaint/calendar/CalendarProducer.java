package uk.redress.complaint.calendar;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;

/**
 * The working-day calendar every due date is counted in: the shipped bank holidays, or a council's own list
 * (GOV.UK's {@code bank-holidays.json}, say) named by {@code redress.calendar.bank-holidays-file}, read at start.
 */
public class CalendarProducer {

    private static final Logger LOG = Logger.getLogger(CalendarProducer.class);

    @Produces
    @Singleton
    WorkingDayCalendar calendar(
            @ConfigProperty(name = "redress.calendar.bank-holidays-file") Optional<Path> bankHolidaysFile,
            @ConfigProperty(name = "redress.calendar.cut-off") Optional<LocalTime> cutOff) {
        BankHolidays bankHolidays = bankHolidaysFile.map(BankHolidays::fromFile).orElseGet(BankHolidays::shipped);
        LOG.infof("Counting working days with the bank holidays of %s%s",
                bankHolidaysFile.map(Path::toString).orElse("the shipped list"),
                cutOff.map(time -> ", cut-off " + time).orElse(""));
        WorkingDayCalendar calendar = WorkingDayCalendar.of(bankHolidays);
        return cutOff.map(calendar::withCutOff).orElse(calendar);
    }
}
