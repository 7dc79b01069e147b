package org.plenary.visa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes passport details {@code plenary.visa.purge-after} (30 days) after each meeting ends; runs
 * hourly, on one node of several sharing the database (a lease).
 */
@Component
class VisaPurge {

  private static final Logger log = LoggerFactory.getLogger(VisaPurge.class);

  private final VisaRequests requests;
  private final MeetingCatalog meetings;
  private final Clock clock;
  private final Duration after;
  private final Leases leases;

  VisaPurge(VisaRequests requests, MeetingCatalog meetings, Clock clock,
      @Value("${plenary.visa.purge-after:30d}") Duration after, Leases leases) {
    this.leases = leases;
    this.requests = requests;
    this.meetings = meetings;
    this.clock = clock;
    this.after = after;
  }

  @Scheduled(initialDelay = 60_000, fixedDelay = 3_600_000)
  void scheduled() {
    leases.runOnce("visa-purge", Duration.ofHours(1), this::purge);
  }

  int purge() {
    Instant now = clock.instant();
    var due = requests.meetingsWithPassports().stream()
        .filter(id -> {
          var meeting = meetings.get(id);
          return meeting.endDate().plusDays(1).atStartOfDay(meeting.timeZone()).toInstant().plus(after).isBefore(now);
        })
        .toList();
    int purged = requests.purge(due, now);
    if (purged > 0) {
      log.info("Purged the passport details of {} visa request(s) {} after their meetings.", purged, after);
    }
    return purged;
  }
}
