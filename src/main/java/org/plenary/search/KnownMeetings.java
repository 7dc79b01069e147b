package org.plenary.search;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.search.IndexEntry.Facet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every meeting of every group, and what the meeting and agenda-item facet values stand for. Reading
 * them takes dozens of queries (each group with its leaders, sections, milestones and translations),
 * which every search made every 5 s: on a loaded machine eight concurrent searches each waited for
 * them at once, the cause of most of the slowest answers. The list is now read again in the background
 * once it is 5 s old, a search meanwhile using the one before; a search waits for it only at the first
 * search, or when nobody searched for {@link #WAIT_AFTER} and the list kept is older than that. Who may
 * read a meeting's documents is not decided here: {@code Search} asks DocumentAccess at every search.
 */
@Component
class KnownMeetings {

  private static final Logger log = LoggerFactory.getLogger(KnownMeetings.class);
  static final Duration FRESH = Duration.ofSeconds(5);
  static final Duration WAIT_AFTER = Duration.ofSeconds(30);

  /** The meetings, and labels keyed "field:value" (only ever looked up for values found among readable documents). */
  record Snapshot(List<Meeting> meetings, Map<String, String> labels, long readAt) {}

  private final Supplier<Snapshot> reader;
  private final Clock clock;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Snapshot current;

  @Autowired
  KnownMeetings(GroupCatalog groups, MeetingCatalog meetings, Clock clock) {
    this(() -> read(groups, meetings, clock), clock);
  }

  KnownMeetings(Supplier<Snapshot> reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  Snapshot current() {
    Snapshot snapshot = current;
    long now = clock.millis();
    if (snapshot == null || now - snapshot.readAt() >= WAIT_AFTER.toMillis()) {
      return readNow(snapshot);
    }
    if (now - snapshot.readAt() >= FRESH.toMillis() && refreshing.compareAndSet(false, true)) {
      if (current != snapshot) {
        // a background read ended between reading the field and taking the flag: its list is new
        refreshing.set(false);
        return current;
      }
      Thread.ofVirtual().name("search-meetings").start(() -> {
        try {
          current = reader.get();
        } catch (RuntimeException e) {
          log.warn("Search: the list of meetings could not be read again ({}); the one of {} ms ago is kept",
              e.toString(), clock.millis() - snapshot.readAt());
        } finally {
          refreshing.set(false);
        }
      });
    }
    return snapshot;
  }

  private synchronized Snapshot readNow(Snapshot seen) {
    Snapshot snapshot = current;
    if (snapshot != seen && snapshot != null) {
      return snapshot; // another search read it while this one waited
    }
    current = reader.get();
    return current;
  }

  private static Snapshot read(GroupCatalog groups, MeetingCatalog meetings, Clock clock) {
    long readAt = clock.millis();
    Map<String, String> labels = new HashMap<>();
    List<Meeting> all = groups.all().stream().flatMap(group -> {
      List<Meeting> ofGroup = meetings.of(group);
      ofGroup.forEach(meeting -> label(labels, group, meeting));
      return ofGroup.stream();
    }).toList();
    return new Snapshot(all, Map.copyOf(labels), readAt);
  }

  private static void label(Map<String, String> labels, Group group, Meeting meeting) {
    labels.put(Facet.MEETING.field() + ":" + group.slug() + "/" + meeting.code(), group.acronym() + " " + meeting.code());
    for (int i = 0; i < meeting.agenda().size(); i++) {
      var item = meeting.agenda().get(i);
      if (item.id() != null) {
        labels.put(Facet.AGENDA_ITEM.field() + ":" + item.id(), meeting.code() + " · " + (i + 1) + ". " + item.title());
      }
    }
  }
}
