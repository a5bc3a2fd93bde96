package uk.redress.complaint.api;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.redress.complaint.access.Callers;
import uk.redress.complaint.core.Categories;

/** The service areas and themes the caller's organisation files complaints under. */
@Authenticated
@Path("/api/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Procedures")
public class CategoriesResource {

    private final Categories categories;
    private final Callers callers;

    public CategoriesResource(Categories categories, Callers callers) {
        this.categories = categories;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "getCategories",
            summary = "The service areas and themes of the caller's organisation",
            description = "What a complaint's serviceArea and themes may name, at intake or in its classification.")
    public Categories.Lists ofCallersOrganisation() {
        return categories.of(callers.current().organisation());
    }
}
