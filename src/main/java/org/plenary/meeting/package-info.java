/** Meetings: dates and venue, deadlines in the venue's time zone, agenda, collocated meetings, hotels, calendar feed, and the invitation circular. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"group", "account", "pdf", "shared"})
package org.plenary.meeting;
