package org.plenary.desk;

import java.util.List;

/**
 * What waits for one person, by role; lists are sorted by their due time, soonest first, and
 * things without one after. A role's lists are empty when the person does not have it.
 */
public record Desk(
    List<String> roles,
    List<DeskItem> registrations,
    List<DeskItem> visaRequests,
    List<DeskItem> documents,
    List<DeskItem> deadlines,
    List<DeskItem> toDecide,
    List<DeskItem> peopleVisaRequests,
    List<DeskMeeting> meetings,
    List<DeskItem> milestones,
    List<DeskItem> incoming,
    List<DeskItem> visaWaiting,
    List<DeskItem> waitingLong,
    long failedMails,
    int waitingDays) {

  public boolean has(String role) {
    return roles.contains(role);
  }
}
