package uk.redress.complaint.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import uk.redress.complaint.access.Roles;

/** What the header offers the signed-in person: the reports only to those who may read them. */
@Named("navigation")
@RequestScoped
public class Navigation {

    private final SecurityIdentity identity;

    public Navigation(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean reports() {
        return identity.hasRole(Roles.MANAGER) || identity.hasRole(Roles.COMPLAINTS_OFFICER);
    }
}
