/**
 * Published folders as archives: a signed, hash-chained {@code MANIFEST.json} per folder (kept in step
 * with each publication and withdrawal), the folder as one deterministic ZIP with byte ranges, the
 * changes feed per group, and {@code verify}, which checks a downloaded folder or ZIP. Every channel
 * asks {@link org.plenary.contribution.DocumentAccess} who may read.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"contribution", "meeting", "group", "account", "store", "shared"})
package org.plenary.archive;
