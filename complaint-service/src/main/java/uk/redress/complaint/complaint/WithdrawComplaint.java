package uk.redress.complaint.complaint;

/** The complainant withdraws the complaint. */
public record WithdrawComplaint(String reason) {
}
