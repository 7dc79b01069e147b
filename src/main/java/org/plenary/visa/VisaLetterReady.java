package org.plenary.visa;

/** The secretariat approved a visa-support request: the letter can be downloaded. */
public record VisaLetterReady(long request, long registration) {}
