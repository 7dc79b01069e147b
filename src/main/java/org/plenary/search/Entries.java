package org.plenary.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionFile;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.AgendaItem;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.store.DocumentStore;

/**
 * Makes a contribution's {@link IndexEntry}: the register's fields, and the text of the files a
 * reader can fetch — the version waiting in incoming/ and the newest published one. Text already in
 * the index for the same files (by SHA-256) is taken from there instead of being read again, so a
 * publication or a catch-up costs no parsing.
 */
final class Entries {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Entries.class);

  private final MeetingCatalog meetings;
  private final GroupCatalog groups;
  private final DocumentStore store;
  private final FileReading reading;
  private final int maxChars;

  Entries(MeetingCatalog meetings, GroupCatalog groups, DocumentStore store, FileReading reading, int maxChars) {
    this.meetings = meetings;
    this.groups = groups;
    this.store = store;
    this.reading = reading;
    this.maxChars = maxChars;
  }

  /** What indexing a contribution writes: its entry afresh, or only its state (the text and register fields unchanged). */
  sealed interface Change {
    void applyTo(SearchIndex index) throws java.io.IOException;
  }

  record Rewrite(IndexEntry entry) implements Change {
    @Override
    public void applyTo(SearchIndex index) throws java.io.IOException {
      index.put(entry);
    }
  }

  record Restate(String number, String state, long date, String stamp) implements Change {
    @Override
    public void applyTo(SearchIndex index) throws java.io.IOException {
      index.restate(number, state, date, stamp);
    }
  }

  /**
   * What to write for the contribution, or empty when the index already holds exactly this
   * ({@code indexed}: its small fields as last indexed; {@code indexedBody}: its text). A change of
   * state alone (an upload published, a document withdrawn: the same files by SHA-256, the same
   * register fields) rewrites only the state, date and stamp, without reading or analysing the text again.
   */
  Optional<Change> of(Contribution c, Optional<SearchIndex.Indexed> indexed, java.util.function.Supplier<String> indexedBody) {
    Meeting meeting = meetings.get(c.meetingId());
    List<ContributionFile> files = readable(c);
    String fileKey = files.stream().map(ContributionFile::sha256).collect(Collectors.joining(","));
    // The stamp: what the text and register fields come from, a line break, then the state (the files' states included).
    String content = String.join("|", c.title(), c.source(), String.valueOf(c.agendaItemIds()),
        files.stream().map(ContributionFile::fileName).collect(Collectors.joining(",")), fileKey);
    String stamp = content + "\n" + String.join("|", c.status().name(),
        files.stream().map(f -> f.state().name()).collect(Collectors.joining(",")), String.valueOf(c.withdrawnAt()));
    // An entry whose problem an earlier version stored as English text is read again, so that it holds a code;
    // so is one whose file moved while it was read, or was not read as the server stopped.
    String indexedProblem = indexed.map(SearchIndex.Indexed::problem).orElse(null);
    boolean readAgain = ReadProblem.legacy(indexedProblem) || ReadProblem.passing(indexedProblem);
    String previous = indexed.map(SearchIndex.Indexed::stamp).filter(p -> !readAgain).orElse(null);
    if (stamp.equals(previous)) {
      return Optional.empty();
    }
    if (previous != null && content.equals(content(previous))) {
      return Optional.of(new Restate(c.number(), c.status().name(), date(c).toEpochMilli(), stamp));
    }
    String body;
    String problem;
    Set<String> languages;
    // The text kept in the index is reused when the files did not change; when it cannot be read back
    // (null), the files are read again.
    String kept = previous != null && fileKey.equals(filesOf(previous)) ? indexedBody.get() : null;
    if (kept != null) {
      body = kept;
      problem = emptyToNull(indexed.get().problem());
      languages = new LinkedHashSet<>(List.of(indexed.get().languages().split(",")));
      languages.remove("");
    } else {
      StringBuilder text = new StringBuilder();
      List<ReadProblem.OfFile> problems = new ArrayList<>();
      for (ContributionFile file : files) {
        FileReading.Text read = read(file, Math.max(maxChars - text.length(), 0));
        if (read.text() != null) {
          text.append(read.text()).append('\n');
        }
        if (read.problem() != null) {
          problems.add(new ReadProblem.OfFile(file.fileName(), read.problem()));
        }
      }
      body = text.toString();
      problem = problems.isEmpty() ? null : ReadProblem.store(problems);
      languages = Analysis.languages(c.title() + "\n" + body);
    }
    String agendaText = meeting.agenda().stream().filter(i -> i.id() != null && c.agendaItemIds().contains(i.id()))
        .map(AgendaItem::title).collect(Collectors.joining("\n"));
    Optional<ContributionFile> current = c.current();
    return Optional.of(new Rewrite(new IndexEntry(c.number(), c.meetingId().value(),
        groups.get(c.groupId()).slug() + "/" + meeting.code(), c.title(), c.source(), c.agendaItemIds(), agendaText,
        c.status().name(), current.map(f -> TextExtractor.extension(f.fileName())).orElse(null),
        current.map(ContributionFile::fileName).orElse(null), date(c).toEpochMilli(), body, languages, problem, stamp)));
  }

  /** The files a reader can fetch: the version waiting in incoming/ and the newest published one. */
  private static List<ContributionFile> readable(Contribution c) {
    List<ContributionFile> files = new ArrayList<>();
    c.incoming().ifPresent(files::add);
    c.published().filter(p -> files.stream().noneMatch(f -> f.sha256().equals(p.sha256()))).ifPresent(files::add);
    return files;
  }

  /** The part of a stamp the text and register fields come from. */
  private static String content(String stamp) {
    int state = stamp.lastIndexOf('\n');
    return state < 0 ? null : stamp.substring(0, state);
  }

  /** The SHA-256s of the files a stamp was made from. */
  private static String filesOf(String stamp) {
    String content = content(stamp);
    return content == null ? null : content.substring(content.lastIndexOf('|') + 1);
  }

  private static Instant date(Contribution c) {
    return c.files().stream()
        .map(f -> f.publishedAt() != null ? f.publishedAt() : f.uploadedAt())
        .max(Instant::compareTo).orElse(c.allocatedAt());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The file's text: read in place when the store is local, else from a temporary copy (S3); none past the size limit. */
  private FileReading.Text read(ContributionFile file, int max) {
    if (reading.tooLarge(file.size())) {
      return new FileReading.Text(null, ReadProblem.of("tooLarge"));
    }
    var local = store.local(file.storePath());
    if (local.isPresent()) {
      return reading.read(local.get(), file.fileName(), max);
    }
    java.nio.file.Path copy = null;
    try {
      copy = java.nio.file.Files.createTempFile("plenary-index-", ".tmp");
      try (var in = store.open(file.storePath(), 0, Long.MAX_VALUE)) {
        java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return reading.read(copy, file.fileName(), max);
    } catch (java.nio.file.NoSuchFileException moved) {
      return new FileReading.Text(null, ReadProblem.of(ReadProblem.MOVED));
    } catch (java.io.IOException e) {
      log.warn("Search index: {} could not be read from the document store", file.fileName(), e);
      return new FileReading.Text(null, ReadProblem.of("store"));
    } finally {
      if (copy != null) {
        copy.toFile().delete();
      }
    }
  }
}
