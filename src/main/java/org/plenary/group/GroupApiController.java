package org.plenary.group;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.plenary.account.PlenaryUser;
import org.plenary.shared.EditVersion;
import org.plenary.shared.Paged;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
  ResponseEntity<List<GroupSummary>> list(@Parameter(description = Paged.LIMIT) @RequestParam(required = false) Integer limit,
      @Parameter(description = Paged.CURSOR) @RequestParam(required = false) String cursor) {
    Paged.Asked asked = Paged.asked(limit, cursor);
    return catalog.page(asked).map(g -> new GroupSummary(g.slug(), g.acronym(), g.name(), g.parentSlug())).answer();
  }

  @Operation(operationId = "getGroup", summary = "A group with its terms of reference, leadership, lifetime and milestones",
      description = "A leader's username (the account linked to them) is given only to those who may edit the group; "
          + "it is null for everyone else.")
  @GetMapping("/{slug}")
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the group's version, for `If-Match` on its PUT"
      + " (\"v12\"); to those who may not edit it, the version without usernames (\"v12-public\", which no PUT"
      + " matches); `Vary: Authorization, Cookie`", useReturnTypeSchema = true)
  ResponseEntity<GroupResource> get(@PathVariable String slug) {
    GroupCatalog.Versioned read = catalog.versioned(slug);
    GroupResource resource = GroupResource.of(read.group());
    // The account a leader signs in with is for those who may edit the group (and send it back as read):
    // to anyone else a username is half of a sign-in, and the chair's the one most worth guessing.
    // Two representations of one version: each has its own ETag, so neither is served for the other.
    return catalog.canManage(PlenaryUser.current().orElse(null), read.group())
        ? versioned(resource, read.version())
        : EditVersion.ok(read.version(), "public").body(resource.withoutUsernames());
  }

  private static ResponseEntity<GroupResource> versioned(GroupResource resource, long version) {
    return EditVersion.ok(version, null).body(resource);
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
  @ApiResponse(responseCode = "200", description = "OK; `ETag` names the version saved", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "412", description = "`If-Match` (or `editVersion`) names none of the group's current"
      + " version: someone changed it since it was read; nothing was saved.")
  ResponseEntity<GroupResource> update(@PathVariable String slug,
      @Parameter(description = "the group's version as read: the `ETag` of its GET (\"v12\"), or a list of them; the"
          + " change is made only if one of them is still current (else 412). Without it (nor `editVersion`), or with"
          + " `*`, the change replaces whatever is current.") @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @Valid @RequestBody GroupForm form) {
    GroupCatalog.Versioned saved = catalog.update(slug, form.toDraft(), form.toTranslations(),
        PlenaryUser.current().orElse(null), EditVersion.ifMatch(ifMatch, form.getEditVersion()));
    return versioned(GroupResource.of(saved.group()), saved.version());
  }
}
