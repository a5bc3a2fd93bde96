package uk.redress.notification.recipient;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.redress.notification.NotificationsConfig;

/**
 * Groups of the procedures to email addresses, from configuration. In a deployment shared by several organisations
 * each organisation lists its own ({@code durham/coordinator}), so that a complaint's notices reach only its own
 * organisation's staff; a group listed without an organisation ({@code coordinator}) serves every organisation that
 * lists none of its own; an unlisted group reaches the default address.
 */
@ApplicationScoped
public class Directory {

    /** The group that hears of every escalation. */
    public static final String MANAGERS = "managers";

    private final NotificationsConfig config;

    public Directory(NotificationsConfig config) {
        this.config = config;
    }

    /**
     * The addresses of these groups of the complaint's organisation (empty when not known), each once, in order; the
     * default address where a group has none.
     */
    public List<String> addressesOf(Optional<String> organisation, Collection<String> groups) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String group : groups) {
            List<String> listed = organisation.map(own -> config.directory().get(own + "/" + group))
                    .orElseGet(() -> config.directory().getOrDefault(group, List.of()));
            addresses.addAll(listed.isEmpty() ? List.of(config.defaultAddress()) : listed);
        }
        if (addresses.isEmpty()) {
            addresses.add(config.defaultAddress());
        }
        return List.copyOf(addresses);
    }
}
