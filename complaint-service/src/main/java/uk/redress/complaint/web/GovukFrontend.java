package uk.redress.complaint.web;

import io.quarkus.qute.TemplateGlobal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the GOV.UK Frontend web jar serves its files. Its version is read from the jar itself, so that the POM is the
 * one place it is written.
 */
@TemplateGlobal
public class GovukFrontend {

    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/govuk-frontend/pom.properties";

    /** For example {@code /webjars/govuk-frontend/5.14.0/dist/govuk}. */
    static String govukFrontend = "/webjars/govuk-frontend/" + version() + "/dist/govuk";

    private static String version() {
        try (InputStream in = GovukFrontend.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the govuk-frontend web jar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
