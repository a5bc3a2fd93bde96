package uk.redress.complaint.core;

import java.util.UUID;

/** The caller's organisation has no complainant with this id. */
public final class ComplainantNotFoundException extends RuntimeException {

    public ComplainantNotFoundException(UUID id) {
        super("your organisation has no complainant with the id " + id);
    }
}
