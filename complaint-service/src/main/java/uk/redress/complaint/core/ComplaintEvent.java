package uk.redress.complaint.core;

/** Something that happened to a complaint. The event store keeps every one; state is rebuilt from them. */
public sealed interface ComplaintEvent
        permits ComplaintReceived, StepRecorded, InformationRequested, InformationReceived, Escalated, DeadlineExtended, DeadlineLapsed,
        TaskAssigned, Closed, Withdrawn, OmbudsmanReferred, OmbudsmanDecided, PersonalDataErased,
        ProcessIncidentRaised, ProcessIncidentRetried, ComplaintClassified, ImprovementAgreed,
        ImprovementCompleted, ProcedureVersionMoved {

    /** The name an event is stored under: its record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }
}
