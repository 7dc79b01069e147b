package org.plenary.group;

import java.time.LocalDate;

/** A dated step in the group's plan. */
public record Milestone(LocalDate dueOn, String title) {}
