package org.plenary.group;

import org.plenary.account.PlenaryUser;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Groups as JSON: read by anyone, created by the secretariat, edited by the group's management. */
@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups")
class GroupApiController {

  record GroupSummary(String slug, String acronym, String name, @Schema(nullable = true) String parent) {}

  record Lifetime(int months, @Schema(nullable = true) LocalDate startsOn, @Schema(nullable = true) LocalDate endsOn) {}

  record GroupResource(String slug, String acronym, String name, @Schema(nullable = true) String parent,
      @Schema(nullable = true) String establishedBy, String workingLanguage, Lifetime lifetime,
      @Schema(nullable = true) String contactEmail, @Schema(nullable = true) String mailingList,
      List<Section> termsOfReference, List<Leader> leadership, List<Milestone> milestones,
      @Schema(description = "The name and terms of reference in other languages, by language tag (fr, es, ru, zh, ar, en); "
          + "name and termsOfReference above are in the working language")
      Map<String, GroupTranslation> translations) {

    GroupResource withoutUsernames() {
      return new GroupResource(slug, acronym, name, parent, establishedBy, workingLanguage, lifetime, contactEmail,
          mailingList, termsOfReference, leadership.stream()
              .map(l -> new Leader(l.role(), l.personName(), l.organization(), l.countryCode(), null)).toList(),
          milestones, translations);
    }

    static GroupResource of(Group g) {
      return new GroupResource(g.slug(), g.acronym(), g.name(), g.parentSlug(), g.establishedBy(),
          g.workingLanguage(), new Lifetime(g.lifetimeMonths(), g.firstMeetingOn(), g.lifetimeEndsOn().orElse(null)),
          g.contactEmail(), g.mailingList(), g.sections(), g.leaders(), g.milestones(), g.translations());
    }
  }

  private final GroupCatalog catalog;

  GroupApiController(GroupCatalog catalog) {
    this.catalog = catalog;
  }

  @Operation(operationId = "listGroups", summary = "List groups")
  @GetMapping
  List<GroupSummary> list() {
    return catalog.all().stream().map(g -> new GroupSummary(g.slug(), g.acronym(), g.name(), g.parentSlug())).toList();
  }

  @Operation(operationId = "getGroup", summary = "A group with its terms of reference, leadership, lifetime and milestones",
      description = "A leader's username (the account linked to them) is given only to those who may edit the group; "
          + "it is null for everyone else.")
  @GetMapping("/{slug}")
  GroupResource get(@PathVariable String slug) {
    Group group = catalog.get(slug);
    GroupResource resource = GroupResource.of(group);
    // The account a leader signs in with is for those who may edit the group (and send it back as read):
    // to anyone else a username is half of a sign-in, and the chair's the one most worth guessing.
    return catalog.canManage(PlenaryUser.current().orElse(null), group) ? resource : resource.withoutUsernames();
  }

  @Operation(operationId = "createGroup", summary = "Create a group (secretariat)",
      description = "The acronym gives the group's document numbers (FG Cloud: FG-Cloud-I-0001): refused with 400 "
          + "(field acronym) when it has no Latin letter or digit, or gives another group's numbers whatever the case; "
          + "so is a change of acronym that does.")
  @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
  @PostMapping
  @PreAuthorize("hasAnyRole('SECRETARIAT', 'ADMIN')")
  ResponseEntity<GroupResource> create(@Valid @RequestBody GroupForm form) {
    Group group = catalog.create(form.toDraft(), form.toTranslations() == null ? Map.of() : form.toTranslations());
    return ResponseEntity.created(URI.create("/api/v1/groups/" + group.slug())).body(GroupResource.of(group));
  }

  @Operation(operationId = "updateGroup", summary = "Replace a group's details, terms of reference, leadership and milestones (management; "
      + "linking accounts to leaders and their roles: secretariat)")
  @PutMapping("/{slug}")
  @PreAuthorize("@groupAccess.canManage(#slug)")
  GroupResource update(@PathVariable String slug, @Valid @RequestBody GroupForm form) {
    return GroupResource.of(catalog.update(slug, form.toDraft(), form.toTranslations(), PlenaryUser.current().orElse(null)));
  }
}
