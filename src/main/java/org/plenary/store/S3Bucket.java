package org.plenary.store;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.env.PropertyResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** One bucket through the AWS SDK for Java v2 (Apache HTTP client): the few operations the store uses. */
final class S3Bucket implements AutoCloseable {

  /** How to reach the bucket: {@code plenary.documents.s3.*}. */
  record Settings(String endpoint, String bucket, String region, String accessKey, String secretKey,
      boolean pathStyle, boolean signPayload) {

    /** The settings as configured, with their defaults: one reading for the server and the backup commands. */
    static Settings from(PropertyResolver settings) {
      return new Settings(settings.getProperty("plenary.documents.s3.endpoint", ""),
          settings.getProperty("plenary.documents.s3.bucket", "plenary"),
          settings.getProperty("plenary.documents.s3.region", "us-east-1"),
          settings.getProperty("plenary.documents.s3.access-key", ""),
          settings.getProperty("plenary.documents.s3.secret-key", ""),
          settings.getProperty("plenary.documents.s3.path-style", Boolean.class, false),
          settings.getProperty("plenary.documents.s3.sign-payload", Boolean.class, false));
    }
  }

  /** The largest object one CopyObject may copy; past it, a multipart copy. */
  static final long COPY_LIMIT = 5L << 30;
  /** The part of a multipart copy. */
  private static final long COPY_PART = 1L << 30;

  private final S3Client s3;
  private final String bucket;

  S3Bucket(Settings settings) {
    S3ClientBuilder builder = S3Client.builder()
        // No "Expect: 100-continue" round trip before each PUT: the bytes follow the headers at once.
        // Both switches are needed: the S3 client adds the header itself to every PutObject and
        // UploadPart, and the HTTP client, seeing it, holds the body back until the server answers
        // 100 Continue (one more round trip per request, a thread hand-off in the server) or 3 s pass.
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(256).expectContinueEnabled(false))
        .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).build())
        .region(Region.of(settings.region()))
        .forcePathStyle(settings.pathStyle())
        // Checksums only where S3 requires them: S3-compatible servers differ on the newer ones,
        // and every upload's SHA-256 is computed by the store anyway.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(settings.accessKey() == null || settings.accessKey().isBlank()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
    if (!settings.signPayload()) {
      builder.putAuthScheme(UnsignedPayload.scheme());
    }
    if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(settings.endpoint()));
    }
    this.s3 = builder.build();
    this.bucket = settings.bucket();
  }

  String name() {
    return bucket;
  }

  /** Creates the bucket when it is missing; true when it did (false when another node did it first). */
  boolean ensureExists() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return false;
    } catch (NoSuchBucketException missing) {
      return create();
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
      return create();
    }
  }

  /** Nodes starting together all find the bucket missing: the ones whose creation comes second get 409. */
  private boolean create() {
    try {
      s3.createBucket(b -> b.bucket(bucket));
      return true;
    } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException createdMeanwhile) {
      s3.headBucket(b -> b.bucket(bucket));
      return false;
    }
  }

  void headBucket() {
    s3.headBucket(b -> b.bucket(bucket));
  }

  /** Puts an object; asks S3 not to replace one ({@code If-None-Match: *}) where the server honours it. */
  void put(String key, RequestBody body) {
    s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), body);
  }

  String startMultipart(String key) {
    return s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
  }

  CompletedPart uploadPart(String key, String uploadId, int number, byte[] bytes, int length) {
    String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
        .contentLength((long) length), body(bytes, length)).eTag();
    return CompletedPart.builder().partNumber(number).eTag(etag).build();
  }

  /**
   * The first {@code length} bytes of {@code bytes}, read in place: {@code RequestBody.fromByteBuffer}
   * copies the buffer first (a second copy of every part, and a part-sized allocation per request).
   * The caller leaves the array alone until the request has ended.
   */
  static RequestBody body(byte[] bytes, int length) {
    return RequestBody.fromContentProvider(() -> new java.io.ByteArrayInputStream(bytes, 0, length), length,
        "application/octet-stream");
  }

  void completeMultipart(String key, String uploadId, List<CompletedPart> parts) {
    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).ifNoneMatch("*")
        .multipartUpload(u -> u.parts(parts)));
  }

  void abortMultipart(String key, String uploadId) {
    s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
  }

  /** Multipart uploads started and never completed nor aborted. */
  List<MultipartUpload> uploads() {
    return s3.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads().stream().toList();
  }

  /** Copies an object inside the bucket: one CopyObject up to 5 GiB, a multipart copy of 1 GiB parts past it. */
  void copy(String from, String to) {
    long size = s3.headObject(b -> b.bucket(bucket).key(from)).contentLength();
    if (size <= COPY_LIMIT) {
      s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket).destinationKey(to));
      return;
    }
    String uploadId = startMultipart(to);
    try {
      var parts = new java.util.ArrayList<CompletedPart>();
      for (long at = 0; at < size; at += COPY_PART) {
        int number = parts.size() + 1;
        String range = "bytes=" + at + "-" + (Math.min(size, at + COPY_PART) - 1);
        String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(from).destinationBucket(bucket)
            .destinationKey(to).uploadId(uploadId).partNumber(number).copySourceRange(range)).copyPartResult().eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      }
      completeMultipart(to, uploadId, parts);
    } catch (RuntimeException e) {
      abortMultipart(to, uploadId);
      throw e;
    }
  }

  void delete(String key) {
    s3.deleteObject(b -> b.bucket(bucket).key(key));
  }

  /** When the object was last written; empty when there is none. */
  Optional<Instant> modified(String key) {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).lastModified());
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Bytes {@code from} (inclusive) to {@code to} (exclusive, or the end) with one ranged GET. */
  InputStream get(String key, long from, long to) {
    if (from == 0 && to == Long.MAX_VALUE) {
      return s3.getObject(b -> b.bucket(bucket).key(key));
    }
    String range = "bytes=" + from + "-" + (to == Long.MAX_VALUE ? "" : String.valueOf(to - 1));
    return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
  }

  /** The objects under {@code prefix}, without the folder markers some servers list (keys ending in /). */
  Stream<S3Object> list(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .filter(o -> !o.key().endsWith("/"));
  }

  @Override
  public void close() {
    s3.close();
  }
}
