package uk.redress.complaint.complaint;

import jakarta.enterprise.context.ApplicationScoped;
import uk.redress.workflow.calendar.WorkingDayCalendar;
import uk.redress.workflow.procedure.Procedure;
import uk.redress.workflow.procedure.Procedures;

/** Decides what a command does to a complaint: the events it causes, or the domain error that refuses it. */
@ApplicationScoped
public class ComplaintDecider {

    private final WorkingDayCalendar calendar;

    public ComplaintDecider(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    public ComplaintReceived receive(ReceiveComplaint command) {
        Procedure procedure = Procedures.find(command.procedure())
                .orElseThrow(() -> new UnknownProcedureException(command.procedure(),
                        Procedures.all().stream().map(Procedure::id).toList()));
        return new ComplaintReceived(procedure.id(), command.complainant(), command.summary(), command.details(),
                command.receivedOn(),
                calendar.count(procedure.region(), command.receivedOn(), procedure.acknowledgeWithinWorkingDays())
                        .deadline());
    }
}
