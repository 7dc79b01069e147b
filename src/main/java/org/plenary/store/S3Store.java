package org.plenary.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The document store in a bucket of an S3-compatible object store ({@code plenary.documents.store=s3},
 * {@code plenary.documents.s3.*}), shared by every node. Store paths are object keys. Writes are
 * {@link S3Upload}s (one PUT, or a multipart upload completed only when every byte arrived);
 * names are claimed in the database ({@link S3Claims}) so that no object is ever replaced, even by
 * two nodes at once. An upload for the register is staged towards its destination
 * ({@link #stage}, {@link S3StagedUpload}): its transaction's move lands it there, with no copy.
 * Other moves are a copy (a multipart copy past 5 GiB), then a delete. Move journals are rows of
 * the database ({@link S3Journals}). Reads are ranged GETs. What a crash leaves is removed at start
 * and every {@code plenary.documents.s3.clean-every} ({@link S3Sweep}): staged objects and claims
 * without an object once older than {@code plenary.documents.s3.stale-after} (younger ones may belong
 * to a node still writing); multipart uploads once their node is gone. Those are entered with their
 * node's lease ({@link S3Uploads}), renewed every {@code plenary.documents.s3.heartbeat}: a live
 * node's upload is never aborted, however slow, and a dead node's is as soon as its lease has run out
 * (five heartbeats). The client is closed with the application.
 */
@Component("documentStore")
@ConditionalOnProperty(name = "plenary.documents.store", havingValue = "s3")
public class S3Store implements DocumentStore {

  private static final Logger log = LoggerFactory.getLogger(S3Store.class);

  private final S3Bucket bucket;
  private final S3Claims claims;
  private final Duration staleAfter;
  private final S3Parts parts;
  private final S3Journals journals;
  private final S3Uploads uploads;
  private final Clock clock;
  /** Staged uploads of this process that finished and wait for their move, by staging path. */
  private final Map<String, S3Upload> waiting = new java.util.concurrent.ConcurrentHashMap<>();
  private final String orphans = "orphans/" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now());

  @org.springframework.beans.factory.annotation.Autowired
  S3Store(Environment settings,
      @Value("${plenary.documents.s3.stale-after:1h}") Duration staleAfter,
      @Value("${plenary.documents.s3.part-size:8MB}") DataSize partSize,
      @Value("${plenary.documents.s3.parts-in-flight:3}") int partsInFlight,
      @Value("${plenary.documents.s3.heartbeat:1m}") Duration heartbeat,
      JdbcClient jdbc, PlatformTransactionManager transactions) throws IOException {
    this(new S3Bucket(S3Bucket.Settings.from(settings)),
        new S3Claims(jdbc, transactions), new S3Journals(jdbc, transactions),
        new S3Uploads(jdbc, transactions, newNode(), heartbeat.multipliedBy(LEASE_HEARTBEATS), Clock.systemUTC()),
        new Limits(staleAfter, (int) partSize.toBytes(), partsInFlight), Clock.systemUTC());
  }

  /** How long a node's uploads stay spared after its last renewal, in heartbeats. */
  static final int LEASE_HEARTBEATS = 5;

  /** How much a node writes at once: the stale bound, the part size and how many parts go out at once ({@link S3Parts}). */
  record Limits(Duration staleAfter, int partSize, int partsInFlight) {
    Limits {
      new S3Parts(partSize, partsInFlight);
    }
  }

  /** This process's name in {@code store_uploads}: the host, and a random part (several nodes may share a host). */
  static String newNode() {
    String host = System.getenv().getOrDefault("HOSTNAME", "node");
    String random = java.util.UUID.randomUUID().toString().substring(0, 8);
    return host.substring(0, Math.min(host.length(), 40)) + "-" + random;
  }

  S3Store(S3Bucket bucket, S3Claims claims, S3Journals journals, S3Uploads uploads, Limits limits, Clock clock)
      throws IOException {
    this.bucket = bucket;
    this.claims = claims;
    this.staleAfter = limits.staleAfter();
    this.parts = new S3Parts(limits.partSize(), limits.partsInFlight());
    this.journals = journals;
    this.uploads = uploads;
    this.clock = clock;
    if (bucket.ensureExists()) {
      log.info("Created the bucket {} for documents.", bucket.name());
    }
    sweep();
  }

  @Override
  public Writer create(String path, long maxSize) {
    return new S3Upload(bucket, this, StorePaths.check(path), maxSize, parts);
  }

  @Override
  public Writer stage(String destination, long maxSize) {
    var upload = new S3Upload(bucket, this, StorePaths.check(destination), maxSize, parts);
    return new S3StagedUpload(upload, STAGING + "/" + java.util.UUID.randomUUID(), waiting);
  }

  /** A staged upload of this process lands at its destination; anything else is copied, then deleted. */
  @Override
  public void move(String from, String to) {
    StorePaths.check(from);
    S3Upload staged = waiting.get(from);
    try {
      if (staged != null) {
        if (!staged.key().equals(StorePaths.check(to))) {
          throw new IllegalArgumentException(from + " was staged for " + staged.key() + ", not for " + to);
        }
        staged.land();
        waiting.remove(from);
        return;
      }
      claim(StorePaths.check(to));
      try {
        bucket.copy(from, to);
      } catch (SdkException e) {
        release(to);
        throw e;
      }
      delete(from);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(String path) {
    S3Upload staged = waiting.remove(StorePaths.check(path));
    if (staged != null) {
      staged.close();
      return;
    }
    bucket.delete(path);
    release(path);
  }

  /** Nothing to do: no object is ever replaced ({@link S3Claims}), so a published one never changes. */
  @Override
  public void seal(String path) {
  }

  @Override
  public boolean exists(String path) {
    return waiting.containsKey(StorePaths.check(path)) || bucket.modified(path).isPresent();
  }

  @Override
  public InputStream open(String path, long from, long to) throws IOException {
    if (from >= to) {
      return InputStream.nullInputStream();
    }
    try {
      return bucket.get(StorePaths.check(path), from, to);
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException gone) {
      // As the file system says it: a reader tells a file moved since it looked it up from a failure.
      throw new java.nio.file.NoSuchFileException(path);
    } catch (SdkException e) {
      throw new IOException("Could not read " + path + " from the bucket: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Path> local(String path) {
    StorePaths.check(path);
    return Optional.empty();
  }

  @Override
  public int sweep() {
    Instant now = clock.instant();
    return S3Sweep.run(bucket, claims, uploads, now, now.minus(staleAfter));
  }

  /** Renews the lease of this node's multipart uploads. */
  @Scheduled(initialDelayString = "${plenary.documents.s3.heartbeat:1m}",
      fixedDelayString = "${plenary.documents.s3.heartbeat:1m}")
  void heartbeat() {
    try {
      uploads.renew();
    } catch (RuntimeException e) {
      log.warn("Renewing the lease of this node's uploads failed: {}", e.getMessage());
    }
  }

  @Scheduled(initialDelayString = "${plenary.documents.s3.clean-every:15m}",
      fixedDelayString = "${plenary.documents.s3.clean-every:15m}")
  void sweepPeriodically() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("Cleaning stale uploads from the bucket failed: {}", e.getMessage());
    }
  }

  @Override
  public List<String> files(String... folders) {
    Instant settled = clock.instant().minus(staleAfter);
    return java.util.Arrays.stream(folders).flatMap(folder -> bucket.list(StorePaths.check(folder) + "/"))
        .filter(o -> o.lastModified().isBefore(settled)).map(o -> o.key()).toList();
  }

  /** Into {@code orphans/yyyyMMdd-HHmmss/path} of the bucket. */
  @Override
  public String quarantine(String path) {
    String target = orphans + "/" + path;
    while (exists(target)) {
      target += "~";
    }
    if (bucket.modified(StorePaths.check(path)).isEmpty()) {
      // A claim whose object never came (a crash between the two): nothing to move, the name is free again.
      release(path);
      log.warn("Released {}, a name claimed in the bucket with no object.", path);
      return "s3://" + bucket.name() + "/" + path;
    }
    bucket.copy(path, target);
    delete(path);
    log.warn("Moved {}, a file the register does not know, to {} in the bucket.", path, target);
    return "s3://" + bucket.name() + "/" + target;
  }

  @Override
  public void journal(String id, String from, String to) {
    journals.append(id, StorePaths.check(from), StorePaths.check(to));
  }

  @Override
  public void endJournal(String id) {
    journals.end(id);
  }

  /** Only journals whose latest move is older than the stale bound: a younger one may be a live node's. */
  @Override
  public Map<String, List<Move>> journals() {
    return journals.olderThan(clock.instant().minus(staleAfter));
  }

  @Override
  public Optional<String> problem() {
    try {
      bucket.headBucket();
      return Optional.empty();
    } catch (SdkException e) {
      return Optional.of("The bucket " + bucket.name() + " does not answer: " + e.getMessage());
    }
  }

  /** Aborts the staged uploads still waiting and closes the S3 client (its connection pool). */
  @jakarta.annotation.PreDestroy
  void close() {
    waiting.values().forEach(S3Upload::close);
    waiting.clear();
    bucket.close();
  }

  void claim(String path) throws FileAlreadyExistsException {
    if (!path.startsWith(STAGING + "/")) {
      claims.claim(path);
    }
  }

  void release(String path) {
    if (!path.startsWith(STAGING + "/")) {
      claims.release(path);
    }
  }

  /**
   * Releases the claim of a write that failed after claiming, unless an object stands at the path: a
   * request that failed on the way back (a timeout) may have stored it, and a claim released over a
   * stored object would let the next writer replace it.
   */
  void releaseUnlessStored(String path) {
    try {
      if (bucket.modified(path).isPresent()) {
        log.warn("Kept the claim of {}: its write failed, but an object stands there.", path);
        return;
      }
    } catch (SdkException e) {
      log.warn("Kept the claim of {}: its write failed, and the bucket could not say whether it stored it.", path);
      return;
    }
    release(path);
  }

  void started(String uploadId, String path) {
    uploads.started(uploadId, path);
  }

  void ended(String uploadId) {
    uploads.ended(uploadId);
  }
}
