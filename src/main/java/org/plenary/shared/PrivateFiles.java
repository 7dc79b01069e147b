package org.plenary.shared;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files readable by the service's user only: 0700 folders and 0600 files, set
 * explicitly rather than left to the umask (which may be 000). On a file system without POSIX
 * permissions these are no-ops.
 */
public final class PrivateFiles {

  public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  /** A published file: read-only, and for the owner only. */
  public static final Set<PosixFilePermission> SEALED = PosixFilePermissions.fromString("r--------");

  private PrivateFiles() {}

  /** The attribute that creates a file as 0600 (before the umask, which can only take bits away). */
  public static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /**
   * Writes {@code bytes} as {@code target}, replacing it, readable by the owner only from the first
   * byte whatever the umask: they go to a temporary file created 0600 in the same folder, which then
   * takes the target's name in one rename. A handle opened on an older file of that name (perhaps
   * while it was readable by others) never sees the new bytes.
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path temporary = temporaryBeside(target);
    try {
      Files.write(temporary, bytes);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Creates {@code target} with {@code bytes}, readable by the owner only from the first byte, unless
   * a file of that name exists already (then it is left as it is and this returns false). The file
   * appears whole or not at all: a process that finds it never reads it half written.
   */
  public static boolean create(Path target, byte[] bytes) throws IOException {
    Path temporary = temporaryBeside(target);
    try {
      Files.write(temporary, bytes);
      Files.createLink(target, temporary);
      return true;
    } catch (FileAlreadyExistsException exists) {
      return false;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** A new, empty folder inside {@code parent}, 0700 from its creation. */
  public static Path createTempDirectory(Path parent, String prefix) throws IOException {
    return posix(parent) ? Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(FOLDER))
        : Files.createTempDirectory(parent, prefix);
  }

  /** An empty file beside {@code target}, 0600 from its creation. */
  private static Path temporaryBeside(Path target) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    String prefix = "." + target.getFileName() + ".";
    return posix(folder) ? Files.createTempFile(folder, prefix, ".tmp", fileAttribute())
        : Files.createTempFile(folder, prefix, ".tmp");
  }

  /**
   * Makes the data folder, and the embedded database's folder ({@code db}, or {@code demo} in demo mode: the
   * folder of a {@code jdbc:h2:file:} URL inside the data folder), readable by the service's user only (0700,
   * whatever the umask), the files already in it 0600: the files H2 creates inside are then out of reach of
   * other users whatever their own mode.
   */
  public static void prepareDataFolder(Path dataDir, String jdbcUrl) throws IOException {
    Path absolute = dataDir.toAbsolutePath().normalize();
    createDirectories(absolute);
    restrict(absolute);
    String url = jdbcUrl == null ? "" : jdbcUrl;
    Path db = url.startsWith("jdbc:h2:file:")
        ? Path.of(url.substring("jdbc:h2:file:".length()).split(";", 2)[0]).toAbsolutePath().normalize().getParent()
        : null;
    if (db != null && db.startsWith(absolute) && !db.equals(absolute)) {
      createDirectories(db);
      restrict(db);
      try (java.util.stream.Stream<Path> files = Files.list(db)) {
        for (Path file : files.toList()) {
          restrict(file);
        }
      }
    }
  }

  /**
   * Marks the configuration class of an application run only to read its settings: its data folder is
   * resolved but not made (see {@link #prepareDataFolder}), so a command that is refused leaves nothing behind.
   */
  public interface SettingsOnly {}

  /** Creates the folder and any missing parents, each created one set to 0700; returns it. */
  public static Path createDirectories(Path folder) throws IOException {
    Path absolute = folder.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return absolute;
    }
    Path parent = absolute.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(absolute);
      set(absolute, FOLDER);
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      if (!Files.isDirectory(absolute)) {
        throw raced;
      }
    }
    return absolute;
  }

  /**
   * Takes every group and other bit away from the file or folder (a folder becomes 0700, a file
   * keeps only its owner's bits: 0600, or 0400 when sealed). Returns whether it changed anything.
   */
  public static boolean restrict(Path path) throws IOException {
    if (!posix(path)) {
      return false;
    }
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    Set<PosixFilePermission> wanted = Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? FOLDER
        : ownerOnly(now);
    if (now.equals(wanted)) {
      return false;
    }
    Files.setPosixFilePermissions(path, wanted);
    return true;
  }

  /** Sets exactly these permissions, where the file system has them. */
  public static void set(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (posix(path)) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  private static Set<PosixFilePermission> ownerOnly(Set<PosixFilePermission> now) {
    var kept = java.util.EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : now) {
      if (p == PosixFilePermission.OWNER_READ || p == PosixFilePermission.OWNER_WRITE
          || p == PosixFilePermission.OWNER_EXECUTE) {
        kept.add(p);
      }
    }
    return kept;
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
