package org.plenary.visa;

/** Where a visa-support request stands. */
public enum VisaStatus { REQUESTED, APPROVED, REJECTED }
