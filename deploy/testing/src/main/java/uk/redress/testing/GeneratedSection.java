package uk.redress.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of a document that is generated from the code, between two marker lines, so that a test can tell when the
 * document has drifted from the code. Run the test with {@code -Dredress.write-docs=true} to write it anew.
 *
 * @param document the file, relative to the module the test runs in
 */
public record GeneratedSection(Path document, String start, String end) {

    /**
     * The section as the document has it now; with {@code -Dredress.write-docs=true}, first written as
     * {@code generated} (the text between the markers).
     */
    public String current(String generated) {
        try {
            String text = Files.readString(document);
            int from = text.indexOf(start);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalStateException(document + " does not mark the section with " + start + " and "
                        + end);
            }
            String current = text.substring(from + start.length(), to);
            if (Boolean.getBoolean("redress.write-docs")) {
                Files.writeString(document, text.substring(0, from + start.length()) + generated + text.substring(to));
                return generated;
            }
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
