package org.plenary.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.plenary.shared.PrivateFiles;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The complete files of the document store, as a process other than the server sees them (the
 * {@code backup} and {@code restore} commands): listed, read, and added where none is. The store is the
 * one the settings name, as the server would use it: the documents folder by default, or the bucket
 * of {@code plenary.documents.store=s3}. Nothing here journals, claims or sweeps: backup only reads,
 * and restore writes into a store it has checked holds no document (and removes what it wrote when it fails).
 */
public sealed interface StoreFiles extends AutoCloseable {

  /** The store the settings name ({@code plenary.documents.*}, {@code plenary.data-dir}). */
  static StoreFiles of(PropertyResolver settings) {
    if ("s3".equals(settings.getProperty("plenary.documents.store", "fs"))) {
      return new Bucket(new S3Bucket(S3Bucket.Settings.from(settings)));
    }
    Path dataDir = Path.of(settings.getRequiredProperty("plenary.data-dir"));
    return new Folder(Path.of(settings.getProperty("plenary.documents-dir", dataDir.resolve("documents").toString()))
        .toAbsolutePath().normalize());
  }

  /** Where the files are, for messages: the folder, or {@code s3://bucket}. */
  String where();

  /** The store paths of every complete file under the top folders, in name order. */
  List<String> list(List<String> folders) throws IOException;

  /** The whole file; {@link NoSuchFileException} when it is not (or no longer) there. */
  InputStream open(String path) throws IOException;

  /** Adds a file of {@code size} bytes where none is; {@link FileAlreadyExistsException} when one is. */
  void add(String path, InputStream bytes, long size) throws IOException;

  /** Removes a file this process added (a restore taking itself back); nothing when it is not there. */
  void remove(String path) throws IOException;

  @Override
  void close();

  /** The documents folder of the file-system store: folders 0700, files 0600, partial files ({@code .part}) left out. */
  record Folder(Path root) implements StoreFiles {

    @Override
    public String where() {
      return root.toString();
    }

    @Override
    public List<String> list(List<String> folders) throws IOException {
      var paths = new ArrayList<String>();
      for (String top : folders) {
        if (!Files.isDirectory(root.resolve(top))) {
          continue;
        }
        try (Stream<Path> files = Files.walk(root.resolve(top))) {
          files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                  && !file.getFileName().toString().endsWith(".part"))
              .forEach(file -> paths.add(root.relativize(file).toString().replace('\\', '/')));
        }
      }
      paths.sort(null);
      return paths;
    }

    @Override
    public InputStream open(String path) throws IOException {
      return Files.newInputStream(root.resolve(StorePaths.check(path)));
    }

    @Override
    public void add(String path, InputStream bytes, long size) throws IOException {
      Path target = root.resolve(StorePaths.check(path));
      PrivateFiles.createDirectories(target.getParent());
      try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
        PrivateFiles.set(target, PrivateFiles.FILE);
        bytes.transferTo(out);
      }
    }

    @Override
    public void remove(String path) throws IOException {
      Files.deleteIfExists(root.resolve(StorePaths.check(path)));
    }

    @Override
    public void close() {
    }
  }

  /** The bucket of the S3 store: objects are complete by nature (a multipart upload is no object until completed). */
  final class Bucket implements StoreFiles {

    /** Files up to this size go in one PUT; larger ones in parts of this size (S3 takes 10,000 parts). */
    public static final int PART = (int) DataSize.ofMegabytes(16).toBytes();

    private final S3Bucket bucket;
    private boolean exists;

    Bucket(S3Bucket bucket) {
      this.bucket = bucket;
    }

    @Override
    public String where() {
      return "s3://" + bucket.name();
    }

    @Override
    public List<String> list(List<String> folders) {
      try {
        return folders.stream().flatMap(top -> bucket.list(StorePaths.check(top) + "/")).map(o -> o.key()).sorted().toList();
      } catch (NoSuchBucketException missing) {
        return List.of();
      }
    }

    @Override
    public InputStream open(String path) throws IOException {
      try {
        return bucket.get(StorePaths.check(path), 0, Long.MAX_VALUE);
      } catch (NoSuchKeyException gone) {
        throw new NoSuchFileException(where() + "/" + path);
      }
    }

    @Override
    public void add(String path, InputStream bytes, long size) throws IOException {
      String key = StorePaths.check(path);
      if (!exists) {
        bucket.ensureExists();
        exists = true;
      }
      if (bucket.modified(key).isPresent()) {
        throw new FileAlreadyExistsException(where() + "/" + path);
      }
      try {
        if (size <= PART) {
          bucket.put(key, RequestBody.fromBytes(bytes.readNBytes((int) size)));
          return;
        }
        putInParts(key, bytes);
      } catch (S3Exception e) {
        if (e.statusCode() == 412) {
          throw new FileAlreadyExistsException(where() + "/" + path);
        }
        throw e;
      }
    }

    private void putInParts(String key, InputStream bytes) throws IOException {
      String upload = bucket.startMultipart(key);
      try {
        var parts = new ArrayList<CompletedPart>();
        byte[] buffer = new byte[PART];
        for (int length; (length = bytes.readNBytes(buffer, 0, PART)) > 0; ) {
          parts.add(bucket.uploadPart(key, upload, parts.size() + 1, buffer, length));
        }
        bucket.completeMultipart(key, upload, parts);
      } catch (IOException | RuntimeException e) {
        bucket.abortMultipart(key, upload);
        throw e;
      }
    }

    @Override
    public void remove(String path) {
      bucket.delete(StorePaths.check(path));
    }

    @Override
    public void close() {
      bucket.close();
    }
  }
}
