package org.plenary.registration;

import java.time.Instant;
import org.plenary.account.AccountId;
import org.plenary.account.OrganizationId;
import org.plenary.meeting.MeetingId;

/**
 * One person's registration for one meeting. {@code category} is the organization's ITU category,
 * or INDIVIDUAL for someone who registers in their own name. {@code version} is one more at every change
 * of it (organization corrected, approved, rejected): what a decision or a correction is made on.
 */
public record Registration(
    long id,
    MeetingId meetingId,
    AccountId accountId,
    String fullName,
    String email,
    OrganizationId organizationId,
    String category,
    String countryCode,
    String function,
    boolean firstTime,
    Attendance attendance,
    RegistrationStatus status,
    String number,
    Instant submittedAt,
    String decidedBy,
    Instant decidedAt,
    String rejectReason,
    long version) {

  /** The category of someone registering in their own name. */
  public static final String INDIVIDUAL = "INDIVIDUAL";
}
