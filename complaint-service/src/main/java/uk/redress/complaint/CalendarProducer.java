package uk.redress.complaint;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import uk.redress.workflow.calendar.BankHolidays;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.complaint.core.ProcedureVersions;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.process.DeadlineVariables;

/**
 * The working-day calendar and the procedures, read once at start: the shipped ones, or a council's own bank
 * holiday list ({@code redress.calendar.bank-holidays-file}, shaped like GOV.UK's {@code bank-holidays.json}) and
 * policy files ({@code redress.procedures.directory}, each replacing the shipped file of the same name).
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

    @Produces
    @Singleton
    ProcedurePolicies procedures(@ConfigProperty(name = "redress.procedures.directory") Optional<Path> directory) {
        ProcedurePolicies procedures = ProcedurePolicies.load(directory);
        LOG.infof("The procedures %s%s", procedures.ids(), directory.map(folder -> " (the shipped ones and those in "
                + folder + ")").orElse(""));
        return procedures;
    }

    /** Every version of every procedure, from the files until the recorded ones are read at start. */
    @Produces
    @Singleton
    ProcedureVersions procedureVersions(ProcedurePolicies procedures) {
        return new ProcedureVersions(procedures);
    }

    @Produces
    @Singleton
    DeadlineVariables deadlineVariables(WorkingDayCalendar calendar) {
        return new DeadlineVariables(calendar);
    }
}
