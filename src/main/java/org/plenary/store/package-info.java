/**
 * Where document bytes live: a folder on the file system whose layout mirrors the circular's
 * paths. Writes go to a temporary file in the target folder and are moved into place atomically.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.plenary.store;
