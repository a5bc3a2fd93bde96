package uk.redress.complaint;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import uk.redress.complaint.core.Categories;

/**
 * The service areas and themes complaints are filed under: {@code redress.categories.service-areas} and
 * {@code redress.categories.themes} for every organisation, and {@code redress.categories.organisations.<id>.service-areas}
 * and {@code .themes} for one that names its own (a list left out keeps the default).
 */
public class CategoriesProducer {

    private static final String PREFIX = "redress.categories.";
    private static final Pattern ORGANISATION_KEY =
            Pattern.compile(Pattern.quote(PREFIX) + "organisations\\.\"?([^.\"]+)\"?\\.(service-areas|themes)");

    @Produces
    @Singleton
    Categories categories(Config config) {
        Categories.Lists defaults = new Categories.Lists(list(config, PREFIX + "service-areas"),
                list(config, PREFIX + "themes"));
        Map<String, Categories.Lists> byOrganisation = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher key = ORGANISATION_KEY.matcher(name);
            if (key.matches()) {
                Categories.Lists lists = byOrganisation.getOrDefault(key.group(1), defaults);
                List<String> values = list(config, name);
                byOrganisation.put(key.group(1), key.group(2).equals("themes")
                        ? new Categories.Lists(lists.serviceAreas(), values)
                        : new Categories.Lists(values, lists.themes()));
            }
        }
        return new Categories(defaults, byOrganisation);
    }

    private static List<String> list(Config config, String name) {
        return config.getOptionalValues(name, String.class).orElse(List.of()).stream().map(String::trim).toList();
    }
}
