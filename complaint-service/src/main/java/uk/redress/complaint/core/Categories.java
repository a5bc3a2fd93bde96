package uk.redress.complaint.core;

import java.util.List;
import java.util.Map;

/**
 * The service areas and themes each organisation files its complaints under (configuration: a council names its own
 * services), with the lists an organisation without its own uses.
 */
public record Categories(Lists defaults, Map<String, Lists> byOrganisation) {

    public Categories {
        byOrganisation = Map.copyOf(byOrganisation);
    }

    /** The lists of {@code organisation}. */
    public Lists of(String organisation) {
        return byOrganisation.getOrDefault(organisation, defaults);
    }

    public record Lists(List<String> serviceAreas, List<String> themes) {
        public Lists {
            serviceAreas = List.copyOf(serviceAreas);
            themes = List.copyOf(themes);
        }
    }
}
