package org.plenary.group;

/** One clause of the terms of reference; the body is Markdown. */
public record Section(String heading, String body) {}
