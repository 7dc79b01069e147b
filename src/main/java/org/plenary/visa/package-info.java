/** Visa-support requests and letters, with passport data encrypted, shown only to those who need it and purged after the meeting. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"registration", "meeting", "group", "account", "pdf", "shared"})
package org.plenary.visa;
