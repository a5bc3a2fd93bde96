package uk.redress.complaint.report;

import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a council writes into its annual complaints report beside the figures, for one reporting year.
 *
 * @param commentary            its analysis of the year's handling, and the kinds of complaint it refused
 * @param nonCompliance         any findings that it did not comply with the Code
 * @param ombudsmanLetter       the Ombudsman's annual letter, or what it said
 * @param governingBodyResponse the response of the governing body (or its committee) to the report
 * @param version               0 until first saved; each save adds one (the {@code ETag})
 */
@Schema(name = "AnnualStatements")
public record AnnualStatements(int year, String commentary, String nonCompliance, String ombudsmanLetter,
                               String governingBodyResponse, int version, Optional<String> updatedBy,
                               Optional<Instant> updatedAt) {

    public static AnnualStatements blank(int year) {
        return new AnnualStatements(year, "", "", "", "", 0, Optional.empty(), Optional.empty());
    }
}
