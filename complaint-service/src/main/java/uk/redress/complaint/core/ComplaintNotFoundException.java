package uk.redress.complaint.core;

import java.util.UUID;

/** No complaint has this id. */
public final class ComplaintNotFoundException extends RuntimeException {

    public ComplaintNotFoundException(UUID id) {
        super("no complaint has the id " + id);
    }
}
