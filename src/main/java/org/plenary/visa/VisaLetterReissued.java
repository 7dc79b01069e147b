package org.plenary.visa;

/**
 * The secretariat re-issued an approved letter after its meeting moved, or as its participant asked: the letter now has a new reference; the
 * former one keeps being checked and says it was superseded by this one.
 *
 * @param former the reference printed on the superseded letter, verification code included
 * @param reference the reference printed on the new letter, verification code included
 * @param venue the venue the new letter states
 * @param starts the first day the new letter states
 * @param ends the last day the new letter states
 * @param asked why its participant (or focal point) asked for it; null when it was re-issued after a move
 */
public record VisaLetterReissued(long request, long registration, String former, String reference, String venue,
    java.time.LocalDate starts, java.time.LocalDate ends, String asked) {}
