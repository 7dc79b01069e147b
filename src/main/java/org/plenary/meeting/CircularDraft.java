package org.plenary.meeting;

import java.time.LocalDate;
import java.util.List;

/**
 * What the secretariat sets on a circular: its number ("TSB Circular 114"), its date, who signs it
 * (a blank title prints "Director of the Telecommunication Standardization Bureau" in each language),
 * and paragraphs added after the generated ones.
 */
public record CircularDraft(String number, LocalDate dated, String signatory, String signatoryTitle,
    List<String> paragraphs) {}
