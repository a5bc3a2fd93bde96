package uk.redress.complaint.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.openapi.api.util.FilterUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The OpenAPI document as integrators generate their clients from it. Runs at build time, after Quarkus has added a
 * security requirement to each operation from its {@code @RolesAllowed}, so the stored document and the served one are
 * the same.
 * <ul>
 * <li>Roles are no OAuth scopes: each requirement of the bearer scheme gets an empty list, and the roles it named go
 * to the operation's {@value #ROLES} extension and its description. An operation open to every signed-in caller
 * ({@code @Authenticated}) has no such extension, and says so in its description.</li>
 * <li>401 and 403 answer problem+json, as every error does.</li>
 * <li>A Java type SmallRye describes as a string with a format (LocalDate, Instant, UUID, ...) is written where it is
 * used ({@code type: string, format: date}) instead of as a schema of its own, which a generated client would turn
 * into a model class named after the Java type.</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDocumentFilter implements OASFilter {

    /** The extension naming the roles an operation allows, any one of which will do. */
    public static final String ROLES = "x-redress-roles";

    private static final String SCHEMA_REF = "#/components/schemas/";
    private static final Set<Schema.SchemaType> SCALAR_TYPES = Set.of(Schema.SchemaType.STRING,
            Schema.SchemaType.INTEGER, Schema.SchemaType.NUMBER, Schema.SchemaType.BOOLEAN);

    @Override
    public void filterOpenAPI(OpenAPI document) {
        if (document.getPaths() != null) {
            for (PathItem path : document.getPaths().getPathItems().values()) {
                path.getOperations().values().forEach(this::describeAccess);
            }
        }
        inlineScalarSchemas(document);
    }

    private void describeAccess(Operation operation) {
        if (operation.getSecurity() == null) {
            return;
        }
        Set<String> roles = new LinkedHashSet<>();
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            SecurityRequirement withoutScopes = OASFactory.createSecurityRequirement();
            requirement.getSchemes().forEach((scheme, scopes) -> {
                roles.addAll(scopes);
                withoutScopes.addScheme(scheme, List.of());
            });
            requirements.add(withoutScopes);
        }
        operation.setSecurity(requirements);
        String needs;
        if (roles.isEmpty()) {
            needs = "Needs a bearer token, of any role.";
        } else {
            operation.addExtension(ROLES, List.copyOf(roles));
            needs = "Needs a bearer token with one of the roles " + String.join(", ", roles) + ".";
        }
        operation.setDescription(operation.getDescription() == null ? needs
                : operation.getDescription() + "\n\n" + needs);
        asProblem(operation, "401", "No token, or one the service does not trust (missing, malformed, expired, "
                + "altered or from another issuer)");
        asProblem(operation, "403", "The token's roles do not allow this operation");
    }

    /** Quarkus adds 401 and 403 without a body; the service answers them as problem details. */
    private static void asProblem(Operation operation, String status, String description) {
        APIResponse response = operation.getResponses() == null ? null
                : operation.getResponses().getAPIResponse(status);
        if (response != null && response.getContent() == null) {
            response.description(description).content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
        }
    }

    private static void inlineScalarSchemas(OpenAPI document) {
        Components components = document.getComponents();
        if (components == null || components.getSchemas() == null) {
            return;
        }
        Map<String, Schema> scalars = new LinkedHashMap<>();
        components.getSchemas().forEach((name, schema) -> {
            if (isScalar(schema)) {
                scalars.put(SCHEMA_REF + name, schema);
            }
        });
        if (scalars.isEmpty()) {
            return;
        }
        FilterUtil.applyFilter(new OASFilter() {
            @Override
            public Schema filterSchema(Schema schema) {
                Schema scalar = scalars.get(schema.getRef());
                if (scalar != null) {
                    schema.setRef(null);
                    // What the use says (its description, examples, null allowed) stands over the type's defaults.
                    scalar.getAll().forEach((key, value) -> {
                        if (schema.get(key) == null) {
                            schema.set(key, value);
                        }
                    });
                }
                return schema;
            }
        }, document);
        scalars.keySet().forEach(ref -> components.removeSchema(ref.substring(SCHEMA_REF.length())));
    }

    /** A plain value: a string, number or boolean with no list of allowed values (an enum stays a named type). */
    private static boolean isScalar(Schema schema) {
        return schema.getRef() == null && schema.getType() != null && schema.getType().size() == 1
                && SCALAR_TYPES.contains(schema.getType().getFirst()) && schema.getEnumeration() == null
                && schema.getProperties() == null;
    }
}
