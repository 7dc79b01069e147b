package org.plenary.visa;

import java.time.LocalDate;

/**
 * An approved visa letter whose meeting has moved since: it states the venue and days it was approved with,
 * which the meeting no longer has.
 *
 * @param reference the reference printed on the letter, verification code included
 * @param venue the venue the letter states
 * @param starts the first day the letter states
 * @param ends the last day the letter states
 */
public record OutdatedLetter(long request, long registration, String fullName, String reference, String venue,
    LocalDate starts, LocalDate ends) {}
