/**
 * Operations: health of the documents folder, answers while the database or the disk fails, and the
 * backup, restore and backup-verify commands. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "store"})
package org.plenary.ops;
