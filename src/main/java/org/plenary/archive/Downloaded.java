package org.plenary.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a delegate downloaded: a folder (a mirror made by wget, rclone or lftp) or a ZIP of one.
 * Gives its {@code MANIFEST.json}, the size and SHA-256 of every other file in it, and the entries of a
 * ZIP that an unzip would refuse, place outside the folder, or merge with another ({@code problems},
 * one sentence each).
 */
record Downloaded(String description, Optional<byte[]> manifest, Map<String, Sum> files, List<String> problems) {

  /** A file's size and SHA-256. */
  record Sum(long size, String sha256) {}

  static Downloaded read(Path path) throws IOException {
    return Files.isDirectory(path) ? folder(path) : zip(path);
  }

  private static Downloaded folder(Path folder) throws IOException {
    var files = new TreeMap<String, Sum>();
    Optional<byte[]> manifest = Optional.empty();
    try (Stream<Path> children = Files.list(folder)) {
      for (Path child : children.sorted().toList()) {
        String name = child.getFileName().toString();
        if (!Files.isRegularFile(child) || name.equals("index.html")) {
          continue; // a mirroring tool's copy of the folder's listing page is not one of its files
        }
        if (name.equals(ManifestLog.NAME)) {
          manifest = Optional.of(Files.readAllBytes(child));
        } else {
          try (InputStream in = Files.newInputStream(child)) {
            files.put(name, sum(in));
          }
        }
      }
    }
    return new Downloaded("folder " + folder, manifest, files, List.of());
  }

  private static Downloaded zip(Path file) throws IOException {
    var files = new TreeMap<String, Sum>();
    Optional<byte[]> manifest = Optional.empty();
    var problems = new ArrayList<String>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      // A ZIP may name one file twice (the reader keeps whichever it meets last, or asks), or name two that a
      // file system without case or with one normalisation merges (Windows, macOS): which bytes were checked
      // would not be which bytes the delegate unzipped. Java's ZipFile reads entries of one name as one.
      var seen = new HashMap<String, String>();
      for (ZipEntry entry : zip.stream().toList()) {
        String name = entry.getName();
        ZipNames.problem(name).ifPresent(problems::add);
        String folded = ZipNames.folded(name);
        String earlier = seen.putIfAbsent(folded, name);
        if (earlier != null) {
          problems.add(earlier.equals(name) ? "duplicate: " + name + " (the ZIP holds two entries of this name;"
              + " an unzip keeps one of them)" : "duplicate: " + name + " (an unzip on Windows or macOS writes it over "
              + earlier + ")");
        }
      }
      String prefix = zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(ManifestLog.NAME))
          .map(n -> n.substring(0, n.length() - ManifestLog.NAME.length())).findFirst().orElse("");
      for (ZipEntry entry : zip.stream().toList()) {
        if (entry.isDirectory()) {
          continue;
        }
        String name = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : entry.getName();
        try (InputStream in = zip.getInputStream(entry)) {
          if (name.equals(ManifestLog.NAME)) {
            manifest = Optional.of(in.readAllBytes());
          } else {
            files.put(name, sum(in));
          }
        }
      }
    }
    return new Downloaded("ZIP " + file, manifest, files, List.copyOf(problems));
  }

  private static Sum sum(InputStream in) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    long size = 0;
    for (int n; (n = in.read(buffer)) > 0; size += n) {
      sha.update(buffer, 0, n);
    }
    return new Sum(size, HexFormat.of().formatHex(sha.digest()));
  }
}
