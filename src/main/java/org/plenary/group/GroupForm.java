package org.plenary.group;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonSetter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.plenary.shared.Languages;

/**
 * A group as edited on its page and sent to the API ({@code POST /api/v1/groups}, {@code PUT
 * /api/v1/groups/{slug}}). Every row is validated; there are no blank rows to skip.
 */
public class GroupForm {

  @Size(max = 40)
  private String slug;

  @NotBlank(message = "{group.form.acronym.required}")
  @Size(max = 40)
  private String acronym;

  @NotBlank(message = "{group.form.name.required}")
  @Size(max = 200)
  private String name;

  // Each list and the parent also under the name GET /api/v1/groups/{slug} gives it, so that a client that
  // sends back what it read (a round trip) keeps the terms of reference, leadership and parent: under the
  // other names they were ignored, and the PUT emptied them (the chair's leadership with them).
  @JsonAlias("parent")
  @jakarta.validation.constraints.Size(max = 40)
  private String parentSlug;

  @Size(max = 500)
  private String establishedBy;

  @NotBlank(message = "{group.form.workingLanguage.required}")
  @Size(max = 100)
  private String workingLanguage = "English";

  @Min(value = 1, message = "{group.form.lifetime.min}")
  @Max(value = 120, message = "{group.form.lifetime.max}")
  private int lifetimeMonths = 12;

  @Email(message = "{group.form.contactEmail.invalid}")
  @Size(max = 254)
  private String contactEmail;

  @Email(message = "{group.form.mailingList.invalid}")
  @Size(max = 254)
  private String mailingList;

  @Valid
  @JsonAlias("termsOfReference")
  private List<SectionRow> sections = new ArrayList<>();

  @Valid
  @JsonAlias("leadership")
  private List<LeaderRow> leaders = new ArrayList<>();

  @Valid
  private List<MilestoneRow> milestones = new ArrayList<>();

  /**
   * The version of the group its editor read (its GET's ETag without quotes and {@code v}, the edit page's hidden
   * field): saved only if still current, else refused (412) with nothing saved. None replaces whatever is current.
   */
  @io.swagger.v3.oas.annotations.media.Schema(description = "the group's version as read (12 for the ETag \"v12\");"
      + " the change is made only if it is still current (else 412). If-Match, when sent, is used instead.")
  private Long editVersion;

  public Long getEditVersion() {
    return editVersion;
  }

  public void setEditVersion(Long editVersion) {
    this.editVersion = editVersion;
  }

  /** The name and terms of reference in other languages, by tag ("fr"); null keeps those the group has. */
  @Valid
  private Map<String, TranslationRow> translations;

  /** The {@code lifetime} object of the API's group ({@code months}, and dates it computes), as GET gives it. */
  @JsonSetter("lifetime")
  void lifetime(Map<String, Object> lifetime) {
    if (lifetime != null && lifetime.get("months") instanceof Number months) {
      lifetimeMonths = months.intValue();
    }
  }

  /** One clause of the terms of reference. */
  public static class SectionRow {
    @NotBlank(message = "{group.form.section.heading.required}")
    @Size(max = 200)
    private String heading;

    @Size(max = 100_000)
    @org.plenary.shared.MultiLine
    private String body = "";

    public String getHeading() {
      return heading;
    }

    public void setHeading(String heading) {
      this.heading = heading;
    }

    public String getBody() {
      return body;
    }

    public void setBody(String body) {
      this.body = body;
    }
  }

  /** A chair or vice-chair, optionally linked to an account by username. */
  public static class LeaderRow {
    @NotNull(message = "{group.form.leader.role.required}")
    private LeaderRole role = LeaderRole.VICE_CHAIR;

    @NotBlank(message = "{group.form.leader.name.required}")
    @Size(max = 200)
    private String personName;

    @Size(max = 200)
    private String organization;

    @Size(max = 2)
    @org.plenary.shared.CountryCode
    private String countryCode;

    @Size(max = 40)
    private String username;

    public LeaderRole getRole() {
      return role;
    }

    public void setRole(LeaderRole role) {
      this.role = role;
    }

    public String getPersonName() {
      return personName;
    }

    public void setPersonName(String personName) {
      this.personName = personName;
    }

    public String getOrganization() {
      return organization;
    }

    public void setOrganization(String organization) {
      this.organization = organization;
    }

    public String getCountryCode() {
      return countryCode;
    }

    public void setCountryCode(String countryCode) {
      this.countryCode = countryCode;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }
  }

  /** A dated milestone. */
  public static class MilestoneRow {
    @NotNull(message = "{group.form.milestone.date.required}")
    private LocalDate dueOn;

    @NotBlank(message = "{group.form.milestone.title.required}")
    @Size(max = 500)
    private String title;

    public LocalDate getDueOn() {
      return dueOn;
    }

    public void setDueOn(LocalDate dueOn) {
      this.dueOn = dueOn;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }
  }

  static GroupForm of(Group group) {
    var form = new GroupForm();
    form.slug = group.slug();
    form.acronym = group.acronym();
    form.name = group.name();
    form.parentSlug = group.parentSlug();
    form.establishedBy = group.establishedBy();
    form.workingLanguage = group.workingLanguage();
    form.lifetimeMonths = group.lifetimeMonths();
    form.contactEmail = group.contactEmail();
    form.mailingList = group.mailingList();
    group.sections().forEach(s -> {
      var row = new SectionRow();
      row.heading = s.heading();
      row.body = s.body();
      form.sections.add(row);
    });
    group.leaders().forEach(l -> {
      var row = new LeaderRow();
      row.role = l.role();
      row.personName = l.personName();
      row.organization = l.organization();
      row.countryCode = l.countryCode();
      row.username = l.username();
      form.leaders.add(row);
    });
    group.milestones().forEach(m -> {
      var row = new MilestoneRow();
      row.dueOn = m.dueOn();
      row.title = m.title();
      form.milestones.add(row);
    });
    return form;
  }

  GroupDraft toDraft() {
    return new GroupDraft(trim(slug), acronym.strip(), name.strip(), trim(parentSlug), trim(establishedBy),
        workingLanguage.strip(), lifetimeMonths, trim(contactEmail), trim(mailingList),
        sections.stream().map(s -> new Section(s.heading.strip(), s.body == null ? "" : s.body)).toList(),
        leaders.stream().map(l -> new Leader(l.role, l.personName.strip(), trim(l.organization), trim(l.countryCode),
            trim(l.username))).toList(),
        milestones.stream().map(m -> new Milestone(m.dueOn, m.title.strip())).toList());
  }

  /** The translations to save, by tag; null when none were sent. */
  Map<String, GroupTranslation> toTranslations() {
    if (translations == null) {
      return null;
    }
    var all = new LinkedHashMap<String, GroupTranslation>();
    translations.forEach((tag, row) -> all.put(tag, row == null ? new GroupTranslation(null, null) : row.toTranslation()));
    return all;
  }

  /** Gives every language but the working one a row with a field per clause, for the edit page. */
  void offerTranslations(Map<String, GroupTranslation> existing) {
    Locale working = ContentLanguages.of(workingLanguage);
    var rows = new LinkedHashMap<String, TranslationRow>();
    for (Locale language : Languages.SUPPORTED) {
      String tag = language.getLanguage();
      if (!language.equals(working)) {
        TranslationRow row = translations == null ? null : translations.get(tag);
        if (row == null) {
          row = TranslationRow.of(existing.get(tag), sections.size());
        }
        while (row.getTermsOfReference().size() < sections.size()) {
          row.getTermsOfReference().add(new TranslationRow.Clause());
        }
        rows.put(tag, row);
      }
    }
    translations = rows;
  }

  public Map<String, TranslationRow> getTranslations() {
    return translations;
  }

  public void setTranslations(Map<String, TranslationRow> translations) {
    this.translations = translations;
  }

  private static String trim(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  public String getAcronym() {
    return acronym;
  }

  public void setAcronym(String acronym) {
    this.acronym = acronym;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getParentSlug() {
    return parentSlug;
  }

  public void setParentSlug(String parentSlug) {
    this.parentSlug = parentSlug;
  }

  public String getEstablishedBy() {
    return establishedBy;
  }

  public void setEstablishedBy(String establishedBy) {
    this.establishedBy = establishedBy;
  }

  public String getWorkingLanguage() {
    return workingLanguage;
  }

  public void setWorkingLanguage(String workingLanguage) {
    this.workingLanguage = workingLanguage;
  }

  public int getLifetimeMonths() {
    return lifetimeMonths;
  }

  public void setLifetimeMonths(int lifetimeMonths) {
    this.lifetimeMonths = lifetimeMonths;
  }

  public String getContactEmail() {
    return contactEmail;
  }

  public void setContactEmail(String contactEmail) {
    this.contactEmail = contactEmail;
  }

  public String getMailingList() {
    return mailingList;
  }

  public void setMailingList(String mailingList) {
    this.mailingList = mailingList;
  }

  public List<SectionRow> getSections() {
    return sections;
  }

  public void setSections(List<SectionRow> sections) {
    this.sections = sections;
  }

  public List<LeaderRow> getLeaders() {
    return leaders;
  }

  public void setLeaders(List<LeaderRow> leaders) {
    this.leaders = leaders;
  }

  public List<MilestoneRow> getMilestones() {
    return milestones;
  }

  public void setMilestones(List<MilestoneRow> milestones) {
    this.milestones = milestones;
  }
}
