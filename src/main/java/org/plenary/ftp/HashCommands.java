package org.plenary.ftp;

import java.util.Locale;
import java.util.Map;

/**
 * HASH (draft-bryan-ftpext-hash, as FileZilla Server and others offer it): a file's SHA-256, the one
 * the register recorded when the file arrived, so nothing is read again. Only SHA-256 is offered
 * ({@code FEAT} says {@code HASH SHA-256*}); {@code OPTS HASH} names it or is refused with 504.
 * A file is hashed for whoever may RETR it, found the same way.
 */
final class HashCommands {

  static final String ALGORITHM = "SHA-256";

  /** FEAT's line: the algorithms offered, the one in use starred. */
  static final String FEATURE = "HASH " + ALGORITHM + "*";

  private HashCommands() {}

  static void addTo(Map<String, Gateway.Command> table) {
    table.put("HASH", Gateway.Command.onPath(true, HashCommands::hash));
  }

  /**
   * {@code 213 SHA-256 0-<size-1> <hex> <name>}, the name as the client gave it: the draft's range is
   * the bytes hashed, both ends included ({@code 0-99} for 100 bytes), and its grammar wants digits
   * with the end at least the start. An empty file has no byte to name, so it answers {@code 0-0},
   * the one range that grammar leaves (ProFTPD's mod_digest answers it too, its ranges ending one
   * past the last byte), with the SHA-256 of nothing ({@code e3b0c442…}), which is what a client
   * compares with the file it holds.
   */
  private static Reply hash(FtpSession session, String argument) {
    FtpPath path = FolderCommands.path(session, argument);
    FolderTree.Node file = FolderCommands.node(session, path);
    if (file.folder()) {
      // The draft's reply for a folder, whose hash is not defined (3.5).
      return Reply.of(553, "ftp.notFile", path.toString());
    }
    if (file.sha256() == null) {
      return Reply.of(550, "ftp.hash.none", path.toString());
    }
    return new Reply(213, ALGORITHM + " 0-" + Math.max(0, file.size() - 1) + " " + file.sha256() + " "
        + (argument.isBlank() ? file.name() : argument));
  }

  /** {@code OPTS HASH}: without a name, the algorithm in use; SHA-256 is kept; any other is refused (504). */
  static Reply options(String name) {
    if (name.isEmpty() || name.toUpperCase(Locale.ROOT).equals(ALGORITHM)) {
      return new Reply(200, ALGORITHM);
    }
    return Reply.of(504, "ftp.hash.algorithm", org.plenary.shared.CodePoints.first(name, 20), ALGORITHM);
  }
}
