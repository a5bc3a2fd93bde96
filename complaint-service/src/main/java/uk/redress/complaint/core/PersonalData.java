package uk.redress.complaint.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of an event that holds personal data: a name, contact details, or free text that may describe the
 * complainant or their child. The event store seals it with the complainant's own key (its {@code PersonalFields}), so
 * that it can be erased from an immutable log by destroying that key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {
}
