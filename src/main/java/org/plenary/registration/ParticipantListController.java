package org.plenary.registration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.plenary.account.Countries;
import org.plenary.account.Organization;
import org.plenary.account.OrganizationDirectory;
import org.plenary.account.PlenaryUser;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.ChangedMeanwhileException;
import org.plenary.shared.Csv;
import org.plenary.shared.EditVersion;
import org.plenary.shared.CsvWords;
import org.plenary.shared.PageController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The participant list of a meeting for the secretariat and the group's management: filters, CSV,
 * and counts by category and by country (material for the report to the parent group).
 */
@PageController
class ParticipantListController {

  private final RegistrationDesk desk;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final OrganizationDirectory organizations;
  private final Countries countries;

  private final org.springframework.context.MessageSource messages;

  ParticipantListController(RegistrationDesk desk, GroupCatalog groups, MeetingCatalog meetings,
      OrganizationDirectory organizations, Countries countries, org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.desk = desk;
    this.groups = groups;
    this.meetings = meetings;
    this.organizations = organizations;
    this.countries = countries;
  }

  @GetMapping("/groups/{slug}/meetings/{code}/participants")
  String list(@PathVariable String slug, @PathVariable String code, @RequestParam(required = false) RegistrationStatus status,
      @RequestParam(defaultValue = "") String country, @RequestParam(defaultValue = "") String q,
      @AuthenticationPrincipal PlenaryUser user, Model model) {
    List<Registration> all = desk.participants(slug, code, user);
    String query = q.strip().toLowerCase(Locale.ROOT);
    List<Registration> rows = all.stream()
        .filter(r -> status == null || r.status() == status)
        .filter(r -> country.isBlank() || r.countryCode().equals(country))
        .filter(r -> query.isEmpty() || (r.fullName() + " " + r.email()).toLowerCase(Locale.ROOT).contains(query))
        .toList();
    model.addAttribute("group", groups.get(slug));
    model.addAttribute("meeting", meetings.get(slug, code));
    model.addAttribute("rows", rows);
    model.addAttribute("organizations", organizationNames());
    model.addAttribute("countries", countries);
    model.addAttribute("byCategory", count(all, Registration::category));
    model.addAttribute("byCountry", count(all, r -> countries.name(r.countryCode())));
    model.addAttribute("statuses", RegistrationStatus.values());
    model.addAttribute("status", status);
    model.addAttribute("country", country);
    model.addAttribute("q", q);
    // The version before the policy shown: a policy saved between the two reads is saved over only after a notice.
    model.addAttribute("policyVersion", desk.policyVersion(slug));
    model.addAttribute("individualsAllowed", desk.individualsAllowed(slug));
    return "registration/participants";
  }

  @GetMapping("/groups/{slug}/meetings/{code}/participants.csv")
  ResponseEntity<String> csv(@PathVariable String slug, @PathVariable String code,
      @RequestParam(required = false) String lang, @AuthenticationPrincipal PlenaryUser user,
      jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
    Map<Long, String> names = organizationNames();
    CsvWords csv = CsvWords.of(messages, lang);
    List<Registration> participants = desk.participants(slug, code, user);
    // Tagged from what the rows are written from (the registrations this reader may see, each with the name of its
    // organization as it stands) and the language, before a row is written.
    String tag = org.plenary.shared.FeedTag.of(org.plenary.shared.Words.reader(), csv.locale(), csv.language(),
        participants, participants.stream().map(r -> r.organizationId() == null ? "" : names.get(r.organizationId().value()))
            .toList());
    if (org.plenary.shared.FeedTag.unchanged(request, response, tag)) {
      return null;
    }
    var out = new StringBuilder(csv.header("registration.csv", "registration", "number", "status", "name", "email",
        "organization", "category", "country", "function", "first_time", "attendance"));
    for (Registration r : participants) {
      out.append(String.join(",", String.valueOf(r.id()), Csv.cell(r.number()),
          csv.word("registration.status." + r.status().name(), r.status().name()), Csv.cell(r.fullName()),
          Csv.cell(r.email()), Csv.cell(r.organizationId() == null ? "" : names.get(r.organizationId().value())),
          csv.word("organization.category." + r.category(), r.category()),
          Csv.cell(countries.name(r.countryCode(), csv.locale())), Csv.cell(r.function()), csv.yesNo(r.firstTime()),
          csv.word("registration.attendance." + r.attendance().name(), r.attendance().name())))
          .append("\r\n");
    }
    return ResponseEntity.ok().eTag(tag).contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, csv.disposition(slug + "-" + code + "-participants.csv",
            "registration.file.participants", slug, code))
        .body(out.toString());
  }

  @PostMapping("/groups/{slug}/registration-policy")
  String policy(@PathVariable String slug, @RequestParam(defaultValue = "false") boolean individualsAllowed,
      @RequestParam String back, @RequestParam(required = false) Long editVersion,
      @AuthenticationPrincipal PlenaryUser user, RedirectAttributes redirect) {
    String to = org.plenary.shared.SitePaths.under("/groups/" + slug + "/", back).orElse("/groups/" + slug);
    try {
      desk.setIndividualsAllowed(slug, individualsAllowed, user, EditVersion.of(editVersion));
    } catch (ChangedMeanwhileException e) {
      // The page shown again gives the policy as it is now, with its version; the sentence says what it now is.
      redirect.addFlashAttribute("problem", text("registration.policy.changedMeanwhile", text(desk.individualsAllowed(slug)
          ? "registration.notice.individuals" : "registration.notice.membersOnly")));
      return "redirect:" + to;
    }
    redirect.addFlashAttribute("notice", text(individualsAllowed ? "registration.notice.individuals"
        : "registration.notice.membersOnly"));
    return "redirect:" + to;
  }

  private String text(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  private Map<Long, String> organizationNames() {
    return organizations.all().stream().collect(Collectors.toMap(o -> o.id().value(), Organization::name));
  }

  private static Map<String, Long> count(List<Registration> all, Function<Registration, String> key) {
    return all.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

}
