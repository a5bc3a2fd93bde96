package uk.redress.notification.letter;

/** An event no letter can be written from: retrying it would not help. */
public class LetterException extends RuntimeException {

    public LetterException(String message) {
        super(message);
    }
}
