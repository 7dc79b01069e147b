/**
 * Everyone's desk: what waits for the signed-in person, by role (participant, focal point, group
 * management, secretariat), read from the other modules' public types, and the counts the
 * navigation shows on every page. Leaves it may not call (mail) report through {@link org.plenary.desk.MailFailures}.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"registration", "visa", "contribution", "meeting", "group", "account", "shared"})
package org.plenary.desk;
