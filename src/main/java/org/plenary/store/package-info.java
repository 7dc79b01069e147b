/**
 * Where document bytes live: a folder on the file system whose layout mirrors the circular's paths
 * ({@link org.plenary.store.FileStore}, the default) or a bucket of an S3-compatible object store
 * ({@link org.plenary.store.S3Store}), behind one type, {@link org.plenary.store.DocumentStore}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.plenary.store;
