package uk.redress.complaint.api;

/** Something the path names that the API has not got (a procedure, a read model): 404, saying what there is. */
final class ResourceNotFoundException extends RuntimeException {

    private final String title;

    ResourceNotFoundException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    String title() {
        return title;
    }
}
