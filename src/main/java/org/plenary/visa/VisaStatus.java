package org.plenary.visa;

/**
 * Where a visa-support request stands: requested; approved (the letter is issued); refused with a
 * reason (final); or returned to the participant with a reason, to correct and send again.
 */
public enum VisaStatus { REQUESTED, APPROVED, REJECTED, REFUSED, RETURNED }
