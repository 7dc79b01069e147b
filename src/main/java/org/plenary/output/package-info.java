/**
 * What a group produces: deliverables and their versions, milestones tracked against their dates
 * and the group's lifetime, the living list of standards bodies, the terminology register and the
 * progress report to the parent group. A module of its own rather than part of {@code group}:
 * these refer to meetings, output documents and registrations, and {@code meeting},
 * {@code contribution} and {@code registration} already depend on {@code group}.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"contribution", "registration", "meeting", "group", "account", "pdf", "shared"})
package org.plenary.output;
