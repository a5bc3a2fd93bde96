package uk.redress.complaint.complaint.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.redress.complaint.complaint.AcknowledgeComplaint;
import uk.redress.complaint.complaint.WithdrawComplaint;

/** The bodies of the actions on a complaint. */
final class ActionRequests {

    private ActionRequests() {
    }

    @Schema(name = "Acknowledgement", description = "The acknowledgement sent to the complainant.")
    record AcknowledgementRequest(
            @Schema(description = "The letter or email sent: what happens next and by when",
                    examples = "Dear Ms Taylor, we received your complaint on 23 November ...")
            @NotBlank @Size(max = 20_000) String letter) {

        AcknowledgeComplaint toCommand() {
            return new AcknowledgeComplaint(letter);
        }
    }

    @Schema(name = "Withdrawal", description = "The complainant withdraws the complaint.")
    record WithdrawalRequest(
            @Schema(examples = "Resolved with the school directly") @NotBlank @Size(max = 2_000) String reason) {

        WithdrawComplaint toCommand() {
            return new WithdrawComplaint(reason);
        }
    }
}
