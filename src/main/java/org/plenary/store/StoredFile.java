package org.plenary.store;

/** A file completely written into the store: where it is, how big, and its SHA-256 (hex). */
public record StoredFile(String path, long size, String sha256) {}
