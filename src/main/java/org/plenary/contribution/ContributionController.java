package org.plenary.contribution;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import org.plenary.account.PlenaryUser;
import org.plenary.group.Group;
import org.plenary.group.GroupCatalog;
import org.plenary.meeting.Meeting;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.shared.InvalidInputException;
import org.plenary.shared.PageController;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Asking for a number, the document's page with its upload form, and the secretariat's actions on it. */
@PageController
class ContributionController {

  private final ContributionDesk desk;
  private final DocumentAccess access;
  private final GroupCatalog groups;
  private final MeetingCatalog meetings;
  private final ContributionSettings settings;
  private final int ftpPort;
  private final org.plenary.account.OrganizationDirectory organizations;

  private final org.springframework.context.MessageSource messages;

  /** A sentence of the contribution bundle, or a refusal, in the reader's language. */
  private String say(String key, Object... args) {
    return messages.getMessage(key, args, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  private String say(ContributionRefusedException refusal) {
    return messages.getMessage(refusal, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  ContributionController(ContributionDesk desk, DocumentAccess access, GroupCatalog groups, MeetingCatalog meetings,
      ContributionSettings settings, @Value("${plenary.ftp.port}") int ftpPort,
      org.plenary.account.OrganizationDirectory organizations, org.springframework.context.MessageSource messages) {
    this.messages = messages;
    this.organizations = organizations;
    this.desk = desk;
    this.access = access;
    this.groups = groups;
    this.meetings = meetings;
    this.settings = settings;
    this.ftpPort = ftpPort;
  }

  @GetMapping("/groups/{slug}/meetings/{code}/documents/new")
  String allocationForm(@PathVariable String slug, @PathVariable String code,
      @AuthenticationPrincipal PlenaryUser user, Model model) {
    // Source and contact as the account and its organization know them; the author may change both.
    var form = new AllocationForm();
    var account = user.account();
    form.setSource(organizations.find(account.organizationId()).map(o -> o.name()).orElse(account.displayName()));
    form.setContact(account.displayName() + " <" + account.email() + ">");
    return allocationPage(model, slug, code, form);
  }

  @PostMapping("/groups/{slug}/meetings/{code}/documents/new")
  String allocate(@PathVariable String slug, @PathVariable String code,
      @Valid @ModelAttribute("allocationForm") AllocationForm form, BindingResult result,
      @AuthenticationPrincipal PlenaryUser user, Model model, RedirectAttributes redirect) {
    if (!result.hasErrors()) {
      try {
        Contribution contribution = desk.allocate(slug, code, form.toAllocation(), user, UploadChannel.WEB);
        redirect.addFlashAttribute("notice", say("contribution.notice.number", contribution.number()));
        return "redirect:/documents/" + contribution.number();
      } catch (InvalidInputException e) {
        e.violations().forEach(v -> result.reject("invalid", v.message()));
      }
    }
    return allocationPage(model, slug, code, form);
  }

  @GetMapping("/documents/{number}")
  String show(@PathVariable String number, @AuthenticationPrincipal PlenaryUser user, Model model) {
    Contribution contribution = access.contribution(number, Reader.of(user));
    Group group = groups.get(contribution.groupId());
    Meeting meeting = meetings.get(contribution.meetingId());
    boolean mayUpload = desk.mayUpload(user, contribution);
    model.addAttribute("contribution", contribution);
    model.addAttribute("allocatedBy", desk.personName(contribution.allocatedBy()));
    model.addAttribute("waitingSender", contribution.incoming().map(f -> desk.personName(f.uploadedBy())).orElse(null));
    model.addAttribute("waitingSince", contribution.incoming().map(f -> ContributionDesk.utcMinute(f)).orElse(null));
    model.addAttribute("group", group);
    model.addAttribute("meeting", meeting);
    model.addAttribute("mayUpload", mayUpload && contribution.withdrawnAt() == null);
    model.addAttribute("isStaff", user != null && user.isStaff());
    model.addAttribute("mayTakeBack", user != null && contribution.incoming()
        .filter(f -> user.isStaff() || user.getUsername().equals(f.uploadedBy())).isPresent());
    model.addAttribute("seesHistory", mayUpload);
    model.addAttribute("audit", mayUpload ? desk.readersAuditTrail(number) : java.util.List.of());
    model.addAttribute("expectedName", contribution.baseName(contribution.nextRevision()));
    model.addAttribute("extensions", org.plenary.shared.Listed.items(org.plenary.shared.Words.reader(), settings.extensions()));
    model.addAttribute("maxSize", settings.maxSizeText());
    model.addAttribute("maxBytes", settings.maxBytes());
    model.addAttribute("ftpPath", "/t/fg/" + group.slug() + "/docs/incoming");
    model.addAttribute("ftpPort", ftpPort);
    model.addAttribute("deadline", meeting.deadline(org.plenary.meeting.Deadline.Kind.CONTRIBUTIONS));
    return "contribution/show";
  }

  @PostMapping("/documents/{number}/files")
  String upload(@PathVariable String number, @RequestParam("file") MultipartFile file,
      @RequestParam(required = false) String replaces, @AuthenticationPrincipal PlenaryUser user,
      jakarta.servlet.http.HttpServletRequest request, RedirectAttributes redirect)
      throws IOException, jakarta.servlet.ServletException {
    try {
      checkParts(request);
    } catch (org.plenary.shared.InvalidInputException refused) {
      org.plenary.shared.Refused.flash(refused, redirect, "");
      return "redirect:/documents/" + number;
    }
    // The page names the waiting version it showed (none: empty); another one waiting now is not replaced unseen.
    Replacing replacing = replaces == null || replaces.isBlank() ? Replacing.NOTHING
        : Replacing.versions(java.util.List.of(replaces.strip()));
    try (InputStream bytes = file.getInputStream()) {
      ContributionFile stored = desk.upload(number, file.getOriginalFilename(), bytes, user, UploadChannel.WEB, replacing);
      redirect.addFlashAttribute("notice", say(stored.late() ? "contribution.notice.receivedLate" : "contribution.notice.received",
          stored.fileName(), String.valueOf(stored.size())));
    } catch (ContributionRefusedException e) {
      redirect.addFlashAttribute("problem", say(e));
    }
    return "redirect:/documents/" + number;
  }

  /** The parts the page's upload form sends, each once. */
  private static final java.util.Set<String> UPLOAD_PARTS = java.util.Set.of("file", "replaces", "_csrf");

  /**
   * Refuses a part the upload form does not send, or one sent twice, as the API does: they were skipped, and of two
   * files the first was taken. The sentence names the part refused (printable: a control or direction character shown
   * as '?') in the reader's language, beside the form's only field a reader acts on, the file: keyed by the part's
   * name, it was beside no field and its summary's link led nowhere.
   */
  private static void checkParts(jakarta.servlet.http.HttpServletRequest request)
      throws IOException, jakarta.servlet.ServletException {
    var seen = new java.util.HashSet<String>();
    for (jakarta.servlet.http.Part part : request.getParts()) {
      String name = part.getName() == null ? "" : part.getName();
      if (!UPLOAD_PARTS.contains(name)) {
        throw org.plenary.shared.InvalidInputException.of("file", "contribution", "contribution.upload.page.unknownPart",
            ContributionDesk.printable(name));
      }
      if (!seen.add(name)) {
        throw org.plenary.shared.InvalidInputException.of("file", "contribution", "contribution.upload.page.partTwice",
            ContributionDesk.printable(name));
      }
    }
  }

  /**
   * Takes back the waiting version the page showed ({@code reviewed}), once the box that says what it does
   * is ticked: the same rules as FTP's DELE and the API's DELETE ({@link ContributionDesk#takeBack}).
   */
  @PostMapping("/documents/{number}/take-back")
  String takeBack(@PathVariable String number, @RequestParam(required = false) String reviewed,
      @RequestParam(required = false) String confirm, @AuthenticationPrincipal PlenaryUser user,
      RedirectAttributes redirect) {
    if (!"yes".equals(confirm)) {
      redirect.addFlashAttribute("problem", say("contribution.show.takeBackUnconfirmed"));
      return "redirect:/documents/" + number;
    }
    try {
      desk.takeBack(number, reviewed == null || reviewed.isBlank() ? java.util.List.of() : java.util.List.of(reviewed), user);
      redirect.addFlashAttribute("notice", say("contribution.notice.takeBack", number));
    } catch (ContributionRefusedException e) {
      redirect.addFlashAttribute("problem", say(e));
    }
    return "redirect:/documents/" + number;
  }

  @PostMapping("/documents/{number}/{action:publish|reject|withdraw|late-exception}")
  String act(@PathVariable String number, @PathVariable String action,
      @Valid @ModelAttribute ReasonForm form, BindingResult bound,
      @RequestParam(required = false) String reviewed,
      @RequestParam(name = "seen", required = false) java.util.List<String> seen,
      @AuthenticationPrincipal PlenaryUser user, RedirectAttributes redirect) {
    if (org.plenary.shared.Refused.flashed(bound, redirect, action + "-")) {
      return "redirect:/documents/" + number;
    }
    String reason = form.reason();
    try {
      switch (action) {
        case "publish" -> desk.publish(number, reviewed, user);
        case "reject" -> desk.reject(number, reason,
            reviewed == null || reviewed.isBlank() ? java.util.List.of() : java.util.List.of(reviewed), user);
        case "withdraw" -> desk.withdraw(number, reason, seen == null ? java.util.List.of()
            : seen.stream().filter(sha -> !sha.isBlank()).toList(), user);
        default -> desk.grantLateException(number, user);
      }
      redirect.addFlashAttribute("notice", say("contribution.notice." + action, number));
    } catch (ContributionRefusedException e) {
      redirect.addFlashAttribute("typed", org.plenary.shared.Typed.ofCurrentRequest());
      redirect.addFlashAttribute("problem", say(e));
    } catch (InvalidInputException e) {
      org.plenary.shared.Refused.flash(e, redirect, action + "-");
    }
    return "redirect:/documents/" + number;
  }

  /** The reason of a decision on a document (reject, withdraw): kept with its lines, as long as its column. */
  record ReasonForm(@Size(max = 1000) @org.plenary.shared.MultiLine String reason) {}

  private String allocationPage(Model model, String slug, String code, AllocationForm form) {
    model.addAttribute("group", groups.get(slug));
    model.addAttribute("meeting", meetings.get(slug, code));
    model.addAttribute("allocationForm", form);
    return "contribution/allocate";
  }
}
