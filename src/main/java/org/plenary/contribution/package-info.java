/**
 * Contribution documents: numbers in each group's series, uploads into the incoming folder,
 * publication into read-only meeting folders, the register and the audit trail. The web, the API
 * and the FTP gateway all go through {@link org.plenary.contribution.ContributionDesk}; whatever
 * shows documents, on any channel, asks {@link org.plenary.contribution.DocumentAccess} who may read them.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"meeting", "group", "account", "registration", "store", "shared"})
package org.plenary.contribution;
