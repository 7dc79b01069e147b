package org.plenary.ftp;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.plenary.contribution.DocumentFolders;
import org.plenary.contribution.DocumentSeries;
import org.plenary.contribution.DocumentsPrivateException;
import org.plenary.contribution.FolderEntry;
import org.plenary.contribution.Reader;
import org.plenary.group.GroupCatalog;
import org.plenary.group.UnknownGroupException;
import org.plenary.meeting.UnknownMeetingException;

/**
 * The folders the gateway shows, all read from the register (nothing here touches the disk, so no
 * symbolic link or stray file can ever be reached):
 * {@code /t/fg/<group>/docs/incoming/} and {@code /t/fg/<group>/docs/<meeting>/in/} and {@code …/out/}, with the
 * folders above them. The same tree, names and rules as over HTTP.
 */
final class FolderTree {

  /** A folder or a file, as listed; a file has the number of its contribution and the SHA-256 recorded when it arrived. */
  record Node(String name, boolean folder, long size, Instant modified, String storePath, boolean incoming, String number,
      String sha256) {

    static Node folder(String name, Instant modified, boolean incoming) {
      return new Node(name, true, 0, modified, null, incoming, null, null);
    }
  }

  private final DocumentFolders folders;
  private final GroupCatalog groups;
  private final Instant started;

  FolderTree(DocumentFolders folders, GroupCatalog groups, Instant started) {
    this.folders = folders;
    this.groups = groups;
    this.started = started;
  }

  /**
   * What the folder holds, as the reader may see it ({@link org.plenary.contribution.DocumentAccess});
   * {@link FtpRefusal} 550 when it is not a folder the reader may read.
   */
  List<Node> list(FtpPath path, Reader reader) {
    try {
      return listing(path, reader).orElseThrow(() -> noFolder(path));
    } catch (UnknownGroupException | UnknownMeetingException e) {
      throw noFolder(path);
    } catch (DocumentsPrivateException e) {
      throw new FtpRefusal(550, "ftp.refused", e);
    }
  }

  /**
   * The folder or file at the path, if it exists; {@link FtpRefusal} when it is, or is in, a
   * meeting folder the reader may not read. A file of a private meeting in {@code incoming} is not
   * found by a reader who may not read it, exactly as a file that does not exist. A file is looked
   * up by its path in the register, a group's folder by the group's slug, and any other folder in
   * its parent's short listing: none reads a whole folder of documents or every group.
   */
  Optional<Node> find(FtpPath path, Reader reader) {
    if (path.depth() == 0) {
      return Optional.of(Node.folder("/", started, false));
    }
    try {
      if (path.depth() >= 5 && isDocs(path) && !path.segment(4).equals("incoming")) {
        folders.meeting(path.segment(2), path.segment(4), reader);
      }
      if (path.depth() == 5 && incomingOf(path).isPresent()) {
        groups.get(path.segment(2));
        return Optional.of(Node.folder("incoming", started, true));
      }
      if (path.depth() == 6 && isDocs(path) && path.segment(4).equals("incoming")) {
        return folders.incomingFile(path.segment(2), path.name(), reader).map(FolderTree::file);
      }
      if (path.depth() == 7 && isDocs(path) && DocumentSeries.FOLDERS.contains(path.segment(5))) {
        return folders.publishedFile(path.segment(2), path.segment(4), path.segment(5), path.name(), reader)
            .map(FolderTree::file);
      }
      if (path.depth() == 3) {
        // A group's folder is the group itself, looked up by its slug: the parent's listing would
        // read every group from the register, for each CWD of a client walking down to a file.
        return folders.above(segments(path)).map(entries -> Node.folder(path.name(), started, false));
      }
      return listing(path.parent(), reader)
          .flatMap(nodes -> nodes.stream().filter(node -> node.name().equals(path.name())).findFirst());
    } catch (UnknownGroupException | UnknownMeetingException e) {
      return Optional.empty();
    } catch (DocumentsPrivateException e) {
      throw new FtpRefusal(550, "ftp.refused", e);
    }
  }

  /**
   * As {@link #find}, the file of an incoming folder read from the register now, whatever was kept:
   * for a transfer that found the version it looked up gone from its store path (a replacement moved
   * it to the history since), to send the version waiting now, if any.
   */
  Optional<Node> findAgain(FtpPath path, Reader reader) {
    if (path.depth() == 6 && incomingOf(path.parent()).isPresent()) {
      return folders.incomingFileNow(path.segment(2), path.name(), reader).map(FolderTree::file);
    }
    return find(path, reader);
  }

  /**
   * Whether the path names a published file that the secretariat withdrew (HTTP answers it 410 Gone):
   * asked only once the file was not found, so that the reply can say why it is not there.
   */
  boolean withdrawn(FtpPath path, Reader reader) {
    if (path.depth() != 7 || !isDocs(path) || !DocumentSeries.FOLDERS.contains(path.segment(5))) {
      return false;
    }
    try {
      return folders.withdrawn(path.segment(2), path.segment(4), path.segment(5), path.name(), reader);
    } catch (java.util.NoSuchElementException | DocumentsPrivateException unknownOrPrivate) {
      return false;
    }
  }

  /** The group whose incoming folder this is, if it is one. */
  Optional<String> incomingOf(FtpPath folder) {
    return folder.depth() == 5 && isDocs(folder) && folder.segment(4).equals("incoming")
        ? Optional.of(folder.segment(2)) : Optional.empty();
  }

  private Optional<List<Node>> listing(FtpPath path, Reader reader) {
    int depth = path.depth();
    if (depth <= 3) {
      return folders.above(segments(path)).map(entries -> entries.stream()
          .map(entry -> Node.folder(entry.name().substring(0, entry.name().length() - 1), started, false)).toList());
    }
    String slug = path.segment(2);
    if (!isDocs(path)) {
      return Optional.empty();
    }
    groups.get(slug);
    if (depth == 4) {
      return Optional.of(folders.docs(slug).stream().map(entry -> {
        String name = entry.name().substring(0, entry.name().length() - 1);
        return Node.folder(name, started, name.equals("incoming"));
      }).toList());
    }
    String folder = path.segment(4);
    if (folder.equals("incoming")) {
      return depth == 5 ? Optional.of(files(folders.incoming(slug, reader).entries())) : Optional.empty();
    }
    if (depth == 5) {
      return Optional.of(folders.meetingFolders(slug, folder, reader).stream()
          .map(entry -> Node.folder(entry.name().substring(0, entry.name().length() - 1), started, false)).toList());
    }
    folders.meeting(slug, folder, reader);
    return depth == 6 && DocumentSeries.FOLDERS.contains(path.segment(5))
        ? Optional.of(files(folders.published(slug, folder, path.segment(5), reader).entries())) : Optional.empty();
  }

  private static List<String> segments(FtpPath path) {
    var segments = new ArrayList<String>();
    for (int i = 0; i < path.depth(); i++) {
      segments.add(path.segment(i));
    }
    return segments;
  }

  private static boolean isDocs(FtpPath path) {
    return path.depth() >= 4 && path.segment(0).equals("t") && path.segment(1).equals("fg") && path.segment(3).equals("docs");
  }

  /** The entries as nodes, each made when it is read: a listing of 100,000 files is not copied. */
  private static List<Node> files(List<FolderEntry> entries) {
    return new AbstractList<>() {
      @Override
      public Node get(int index) {
        return file(entries.get(index));
      }

      @Override
      public int size() {
        return entries.size();
      }
    };
  }

  private static Node file(FolderEntry entry) {
    return new Node(entry.name(), false, entry.size(), entry.modified(), entry.storePath(), false, entry.number(),
        entry.sha256());
  }

  private static FtpRefusal noFolder(FtpPath path) {
    return new FtpRefusal(550, "ftp.noFolder", path.toString());
  }
}
