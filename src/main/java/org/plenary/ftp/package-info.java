/**
 * The FTP gateway: an FTP and explicit-FTPS server on Netty over the same folders, accounts and
 * rules as the web. Uploads go through {@link org.plenary.contribution.ContributionDesk}; listings
 * and downloads through {@link org.plenary.contribution.DocumentFolders}. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"contribution", "account", "group", "meeting", "store", "shared"})
package org.plenary.ftp;
