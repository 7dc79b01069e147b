package org.plenary.shared;

/** One rule broken by one input field, in a sentence a delegate understands. */
public record Violation(String field, String message) {}
