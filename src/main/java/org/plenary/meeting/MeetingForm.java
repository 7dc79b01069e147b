package org.plenary.meeting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * A meeting as edited on its page and sent to the API. Deadlines are local date-times in the
 * meeting's time zone; left empty they take their defaults.
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"group", "dates", "agenda", "announcedAt"})
public class MeetingForm {

  @Size(max = 40)
  private String code;

  @NotNull(message = "{meeting.form.startDate.required}")
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate startDate;

  @NotNull(message = "{meeting.form.endDate.required}")
  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
  private LocalDate endDate;

  @NotBlank(message = "{meeting.form.timeZone.required}")
  @Size(max = 60)
  @org.plenary.shared.TimeZoneId
  private String timeZone = "Europe/Zurich";

  @NotBlank(message = "{meeting.form.venue.required}")
  @Size(max = 200)
  private String venueName;

  @Size(max = 500)
  @org.plenary.shared.MultiLine
  private String venueAddress;

  @NotBlank(message = "{meeting.form.venueCode.required}")
  @Pattern(regexp = "[A-Za-z]{2,10}", message = "{meeting.form.venueCode.pattern}")
  private String venueCode;

  @DateTimeFormat(iso = DateTimeFormat.ISO.TIME)
  private LocalTime openingTime;

  @DateTimeFormat(iso = DateTimeFormat.ISO.TIME)
  private LocalTime deskOpensAt;

  @Size(max = 200)
  private String deskPlace;

  @Size(max = 100)
  private String fee;

  @NotBlank(message = "{meeting.form.languages.required}")
  @Size(max = 100)
  private String languages = "English";

  private boolean paperless;
  private boolean documentsPublic = true;

  @Size(max = 100_000)
  @org.plenary.shared.MultiLine
  private String practicalInfo;

  /** The practical information in other languages, by tag ("fr"); null keeps those the meeting has. */
  @Valid
  private Map<String, MeetingTranslationRow> translations;

  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
  private LocalDateTime registrationDeadline;

  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
  private LocalDateTime contributionDeadline;

  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
  private LocalDateTime visaDeadline;

  /**
   * The page's choice of which coming of a deadline's local time is meant when it comes twice (the clocks go back),
   * by the offset it has then, keyed by the deadline's field ({@code deadlineOffsets[contributionDeadline]}): the
   * select the page shows beside the field after it asked. Not the API's (whose {@code deadlines} carry their offsets).
   */
  @com.fasterxml.jackson.annotation.JsonIgnore
  private Map<String, java.time.ZoneOffset> deadlineOffsets = new java.util.LinkedHashMap<>();

  @NotNull(message = "{meeting.form.latePolicy.required}")
  private LatePolicy latePolicy = LatePolicy.FLAG;

  @Size(max = 50)
  private List<@NotBlank(message = "{meeting.form.collocated.required}") @Size(max = 200) String> collocated =
      new ArrayList<>();

  @Valid
  private List<HotelRow> hotels = new ArrayList<>();

  /** The deadlines as a meeting's GET gives them, read where registrationDeadline and the others are left out. */
  @io.swagger.v3.oas.annotations.media.Schema(nullable = true, description = "the deadlines as the meeting's GET gives"
      + " them (kind and dueAt; a PUT of what GET gave keeps them); registrationDeadline, contributionDeadline and"
      + " visaDeadline, when given, come first. A dueAt's offset picks which of a local time shown twice (clocks going"
      + " back) is meant; an offset the time does not have in the meeting's zone is not read (the local time is kept)."
      + " A deadline given as a local time without offset that is the one it has now (same zone) keeps its instant;"
      + " another local time shown twice is its second coming")
  private List<@Valid DeadlineRow> deadlines;

  public List<DeadlineRow> getDeadlines() {
    return deadlines;
  }

  public void setDeadlines(List<DeadlineRow> deadlines) {
    this.deadlines = deadlines;
  }

  /**
   * The version of the meeting its editor read (its GET's ETag without quotes and {@code v}, the edit page's hidden
   * field): saved only if still current, else refused (412) with nothing saved. None replaces whatever is current.
   */
  @io.swagger.v3.oas.annotations.media.Schema(description = "the meeting's version as read (12 for the ETag \"v12\");"
      + " the change is made only if it is still current (else 412). If-Match, when sent, is used instead.")
  private Long editVersion;

  public Long getEditVersion() {
    return editVersion;
  }

  public void setEditVersion(Long editVersion) {
    this.editVersion = editVersion;
  }

  /** A hotel with the preferential tariff. */
  public static class HotelRow {
    /** The hotel's id when it is already on the meeting; none for a new hotel. */
    private Long id;

    @NotBlank(message = "{meeting.form.hotel.name.required}")
    @Size(max = 200)
    private String name;

    @Size(max = 500)
    @org.plenary.shared.MultiLine
    private String address;

    @Size(max = 50)
    private String phone;

    @Email(message = "{meeting.form.hotel.email.invalid}")
    @Size(max = 254)
    private String email;

    @Size(max = 50)
    private String singleRate;

    @Size(max = 50)
    private String doubleRate;

    Hotel toHotel() {
      return new Hotel(id, name.strip(), blankToNull(address), blankToNull(phone), blankToNull(email),
          blankToNull(singleRate), blankToNull(doubleRate));
    }

    static HotelRow of(Hotel hotel) {
      var row = new HotelRow();
      row.id = hotel.id();
      row.name = hotel.name();
      row.address = hotel.address();
      row.phone = hotel.phone();
      row.email = hotel.email();
      row.singleRate = hotel.singleRate();
      row.doubleRate = hotel.doubleRate();
      return row;
    }

    public Long getId() {
      return id;
    }

    public void setId(Long id) {
      this.id = id;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getAddress() {
      return address;
    }

    public void setAddress(String address) {
      this.address = address;
    }

    public String getPhone() {
      return phone;
    }

    public void setPhone(String phone) {
      this.phone = phone;
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String email) {
      this.email = email;
    }

    public String getSingleRate() {
      return singleRate;
    }

    public void setSingleRate(String singleRate) {
      this.singleRate = singleRate;
    }

    public String getDoubleRate() {
      return doubleRate;
    }

    public void setDoubleRate(String doubleRate) {
      this.doubleRate = doubleRate;
    }
  }

  static MeetingForm of(Meeting m) {
    var form = new MeetingForm();
    form.code = m.code();
    form.startDate = m.startDate();
    form.endDate = m.endDate();
    form.timeZone = m.timeZone().getId();
    form.venueName = m.venueName();
    form.venueAddress = m.venueAddress();
    form.venueCode = m.venueCode();
    form.openingTime = m.openingTime();
    form.deskOpensAt = m.deskOpensAt();
    form.deskPlace = m.deskPlace();
    form.fee = m.fee();
    form.languages = m.languages();
    form.paperless = m.paperless();
    form.documentsPublic = m.documentsPublic();
    form.practicalInfo = m.practicalInfo();
    form.registrationDeadline = m.registrationDeadline().atZone(m.timeZone()).toLocalDateTime();
    form.contributionDeadline = m.contributionDeadline().atZone(m.timeZone()).toLocalDateTime();
    form.visaDeadline = m.visaDeadline().atZone(m.timeZone()).toLocalDateTime();
    form.latePolicy = m.latePolicy();
    form.collocated = new ArrayList<>(m.collocated());
    form.hotels = new ArrayList<>(m.hotels().stream().map(HotelRow::of).toList());
    return form;
  }

  MeetingDraft toDraft() {
    return new MeetingDraft(blankToNull(code), startDate, endDate, timeZone.strip(), venueName.strip(),
        blankToNull(venueAddress), venueCode.strip().toLowerCase(java.util.Locale.ROOT), openingTime, deskOpensAt,
        blankToNull(deskPlace), blankToNull(fee), languages.strip(), paperless, documentsPublic,
        blankToNull(practicalInfo), deadline(registrationDeadline, Deadline.Kind.REGISTRATION),
        deadline(contributionDeadline, Deadline.Kind.CONTRIBUTIONS), deadline(visaDeadline, Deadline.Kind.VISA_SUPPORT),
        latePolicy, collocated.stream().map(String::strip).toList(), hotels.stream().map(HotelRow::toHotel).toList(),
        offsets());
  }

  /**
   * The offsets the deadlines were sent with: chosen on the page beside their own field, else in {@code deadlines}
   * for those not given by their own field.
   */
  private Map<Deadline.Kind, java.time.ZoneOffset> offsets() {
    var offsets = new java.util.EnumMap<Deadline.Kind, java.time.ZoneOffset>(Deadline.Kind.class);
    var typed = new java.util.EnumMap<Deadline.Kind, LocalDateTime>(Deadline.Kind.class);
    typed.put(Deadline.Kind.REGISTRATION, registrationDeadline);
    typed.put(Deadline.Kind.CONTRIBUTIONS, contributionDeadline);
    typed.put(Deadline.Kind.VISA_SUPPORT, visaDeadline);
    typed.values().removeIf(java.util.Objects::isNull);
    typed.keySet().forEach(kind -> java.util.Optional.ofNullable(deadlineOffsets.get(AmbiguousDeadlines.field(kind)))
        .ifPresent(offset -> offsets.put(kind, offset)));
    for (DeadlineRow row : deadlines == null ? List.<DeadlineRow>of() : deadlines) {
      if (row != null && row.kind != null && row.dueAt != null && !typed.containsKey(row.kind)) {
        try {
          offsets.putIfAbsent(row.kind, java.time.OffsetDateTime.parse(row.dueAt).getOffset());
        } catch (java.time.format.DateTimeParseException notADate) {
          // refused with its field error by deadline(…)
        }
      }
    }
    return offsets;
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  @io.swagger.v3.oas.annotations.media.Schema(hidden = true)
  public Map<String, java.time.ZoneOffset> getDeadlineOffsets() {
    return deadlineOffsets;
  }

  public void setDeadlineOffsets(Map<String, java.time.ZoneOffset> deadlineOffsets) {
    this.deadlineOffsets = deadlineOffsets == null ? new java.util.LinkedHashMap<>() : deadlineOffsets;
  }

  /**
   * The deadline given by its own field, else as a meeting's GET gives it ({@code deadlines}: kind and
   * {@code dueAt}, its time in the meeting's zone with the offset), else none (the default). A meeting sent
   * back as it was read kept none of its deadlines before: each went back to its default, and a contribution
   * deadline the secretariat had set moved without anyone asking.
   */
  private LocalDateTime deadline(LocalDateTime given, Deadline.Kind kind) {
    if (given != null || deadlines == null) {
      return given;
    }
    return deadlines.stream().filter(row -> row != null && row.kind == kind && row.dueAt != null).findFirst()
        // The time as the GET wrote it, in the meeting's zone: read again in the zone sent (a new one too), as the
        // page reads its deadlines, so a deadline is 23:59 at the venue whatever the zone.
        .map(row -> {
          try {
            return java.time.OffsetDateTime.parse(row.dueAt).toLocalDateTime();
          } catch (java.time.format.DateTimeParseException notADate) {
            new org.plenary.shared.Violations().check(false, "deadlines", "meeting", "meeting.form.deadline.dueAt")
                .throwIfAny();
            throw notADate;
          }
        }).orElse(null);
  }

  /** A deadline as a meeting's GET gives it; its other members (label, display, timeZone) are not read. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"label", "timeZone", "display"})
  public static class DeadlineRow {
    private Deadline.Kind kind;
    // Kept as written: the JSON reader would turn an offset date-time to UTC and lose the meeting's offset.
    @jakarta.validation.constraints.Pattern(message = "{meeting.form.deadline.dueAt}",
        regexp = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})")
    private String dueAt;

    public Deadline.Kind getKind() {
      return kind;
    }

    public void setKind(Deadline.Kind kind) {
      this.kind = kind;
    }

    public String getDueAt() {
      return dueAt;
    }

    public void setDueAt(String dueAt) {
      this.dueAt = dueAt;
    }
  }

  /** The translations to save, by tag; null when none were sent. */
  Map<String, MeetingTranslation> toTranslations() {
    if (translations == null) {
      return null;
    }
    var all = new LinkedHashMap<String, MeetingTranslation>();
    translations.forEach((tag, row) -> all.put(tag, row == null ? new MeetingTranslation(null) : row.toTranslation()));
    return all;
  }

  /** Offers a field per language but the group's working one, for the edit page. */
  void offerTranslations(Map<String, MeetingTranslation> existing, java.util.Locale working) {
    translations = MeetingTranslationRow.offered(translations, existing, working);
  }

  public Map<String, MeetingTranslationRow> getTranslations() {
    return translations;
  }

  public void setTranslations(Map<String, MeetingTranslationRow> translations) {
    this.translations = translations;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public LocalDate getStartDate() {
    return startDate;
  }

  public void setStartDate(LocalDate startDate) {
    this.startDate = startDate;
  }

  public LocalDate getEndDate() {
    return endDate;
  }

  public void setEndDate(LocalDate endDate) {
    this.endDate = endDate;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getVenueName() {
    return venueName;
  }

  public void setVenueName(String venueName) {
    this.venueName = venueName;
  }

  public String getVenueAddress() {
    return venueAddress;
  }

  public void setVenueAddress(String venueAddress) {
    this.venueAddress = venueAddress;
  }

  public String getVenueCode() {
    return venueCode;
  }

  public void setVenueCode(String venueCode) {
    this.venueCode = venueCode;
  }

  public LocalTime getOpeningTime() {
    return openingTime;
  }

  public void setOpeningTime(LocalTime openingTime) {
    this.openingTime = openingTime;
  }

  public LocalTime getDeskOpensAt() {
    return deskOpensAt;
  }

  public void setDeskOpensAt(LocalTime deskOpensAt) {
    this.deskOpensAt = deskOpensAt;
  }

  public String getDeskPlace() {
    return deskPlace;
  }

  public void setDeskPlace(String deskPlace) {
    this.deskPlace = deskPlace;
  }

  public String getFee() {
    return fee;
  }

  public void setFee(String fee) {
    this.fee = fee;
  }

  public String getLanguages() {
    return languages;
  }

  public void setLanguages(String languages) {
    this.languages = languages;
  }

  public boolean isPaperless() {
    return paperless;
  }

  public void setPaperless(boolean paperless) {
    this.paperless = paperless;
  }

  public boolean isDocumentsPublic() {
    return documentsPublic;
  }

  public void setDocumentsPublic(boolean documentsPublic) {
    this.documentsPublic = documentsPublic;
  }

  public String getPracticalInfo() {
    return practicalInfo;
  }

  public void setPracticalInfo(String practicalInfo) {
    this.practicalInfo = practicalInfo;
  }

  public LocalDateTime getRegistrationDeadline() {
    return registrationDeadline;
  }

  public void setRegistrationDeadline(LocalDateTime registrationDeadline) {
    this.registrationDeadline = registrationDeadline;
  }

  public LocalDateTime getContributionDeadline() {
    return contributionDeadline;
  }

  public void setContributionDeadline(LocalDateTime contributionDeadline) {
    this.contributionDeadline = contributionDeadline;
  }

  public LocalDateTime getVisaDeadline() {
    return visaDeadline;
  }

  public void setVisaDeadline(LocalDateTime visaDeadline) {
    this.visaDeadline = visaDeadline;
  }

  public LatePolicy getLatePolicy() {
    return latePolicy;
  }

  public void setLatePolicy(LatePolicy latePolicy) {
    this.latePolicy = latePolicy;
  }

  public List<String> getCollocated() {
    return collocated;
  }

  public void setCollocated(List<String> collocated) {
    this.collocated = collocated;
  }

  public List<HotelRow> getHotels() {
    return hotels;
  }

  public void setHotels(List<HotelRow> hotels) {
    this.hotels = hotels;
  }
}
