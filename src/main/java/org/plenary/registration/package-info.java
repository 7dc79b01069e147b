/** Meeting registrations: eligibility, the pre-registration deadline, approval by a focal point or the secretariat, participant lists. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"meeting", "group", "account", "pdf", "shared"})
package org.plenary.registration;
