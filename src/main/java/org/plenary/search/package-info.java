/**
 * Full-text search over the documents and their register entries: text extraction with limits, a
 * Lucene index under the data folder kept up to date by the contribution events (and by a catch-up
 * with the register, for nodes the events did not reach), and queries filtered by
 * {@link org.plenary.contribution.DocumentAccess} before anything is counted or shown.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"contribution", "meeting", "group", "account", "store", "pdf", "shared"})
package org.plenary.search;
