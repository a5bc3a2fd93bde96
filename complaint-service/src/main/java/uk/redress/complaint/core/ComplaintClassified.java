package uk.redress.complaint.core;

/** A caseworker set what the complaint is about and who brought it, replacing what was set before. */
public record ComplaintClassified(Classification classification) implements ComplaintEvent {
}
