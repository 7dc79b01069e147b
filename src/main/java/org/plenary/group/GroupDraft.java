package org.plenary.group;

import java.util.List;

/** What the secretariat or the group's management may set on a group. */
public record GroupDraft(
    String slug,
    String acronym,
    String name,
    String parentSlug,
    String establishedBy,
    String workingLanguage,
    int lifetimeMonths,
    String contactEmail,
    String mailingList,
    List<Section> sections,
    List<Leader> leaders,
    List<Milestone> milestones) {}
