package org.plenary.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one file's text on a thread of its own, within the time limit: the text and, when it is
 * incomplete or missing, why. A parser that overruns the limit is interrupted and abandoned (its
 * thread is replaced), and the file is indexed by its register entry alone.
 */
final class FileReading implements AutoCloseable {

  /** The text read (null when none could be) and the reason it is incomplete or missing (null when complete). */
  record Text(String text, ReadProblem problem) {}

  private static final Logger log = LoggerFactory.getLogger(FileReading.class);

  private final TextExtractor extractor;
  private final ExtractionLimits limits;
  private volatile ExecutorService thread = newThread();

  FileReading(ExtractionLimits limits, Path scratch) {
    this.limits = limits;
    this.extractor = new TextExtractor(limits, scratch);
  }

  /** Whether a file of this many bytes is left unread (indexed by its register entry alone). */
  boolean tooLarge(long size) {
    return size > limits.maxFileBytes();
  }

  Text read(Path file, String fileName, int maxChars) {
    if (!TextExtractor.READABLE.contains(TextExtractor.extension(fileName))) {
      return new Text(null, ReadProblem.of("notSearched", TextExtractor.extension(fileName)));
    }
    long timeout = limits.timeout().toNanos();
    BoundedText out = new BoundedText(maxChars, System.nanoTime() + timeout);
    if (thread.isShutdown()) {
      // The indexer was stopped and started again (a paused test context, a lifecycle restart).
      thread = newThread();
    }
    Future<?> reading = thread.submit(() -> {
      extractor.extract(file, fileName, out);
      return null;
    });
    try {
      reading.get(timeout + TimeUnit.SECONDS.toNanos(2), TimeUnit.NANOSECONDS);
      return new Text(out.toString(), out.note());
    } catch (TimeoutException e) {
      reading.cancel(true);
      thread.shutdownNow();
      thread = newThread();
      log.warn("Reading {} took longer than {}; indexed by its register entry only", fileName, limits.timeout());
      return new Text(null, ReadProblem.of("timeout", limits.timeout().toSeconds()));
    } catch (ExecutionException e) {
      if (!java.nio.file.Files.exists(file)) {
        // The register moved it (published, replaced) between reading its entry and opening it; parsers
        // report that as a damaged file, so the file's absence is what is asked.
        log.debug("{} moved while its text was to be read; it is read again with its next change", fileName);
        return new Text(null, ReadProblem.of(ReadProblem.MOVED));
      }
      return failed(fileName, e.getCause(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reading.cancel(true);
      return new Text(null, ReadProblem.of("stopping"));
    } catch (CancellationException e) {
      return new Text(null, ReadProblem.of("stopping"));
    }
  }

  private static Text failed(String fileName, Throwable cause, BoundedText out) {
    if (cause instanceof BoundedText.Stop stop) {
      return new Text(out.toString(), stop.problem());
    }
    if (cause instanceof UnreadableException unreadable) {
      return new Text(null, unreadable.problem());
    }
    if (cause instanceof OutOfMemoryError) {
      return new Text(null, ReadProblem.of("tooLarge"));
    }
    log.warn("Cannot read the text of {}", fileName, cause);
    return new Text(null, cause instanceof IOException ? ReadProblem.of("unreadable") : ReadProblem.of("damaged"));
  }

  private static ExecutorService newThread() {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "search-reader");
      t.setDaemon(true);
      return t;
    });
  }

  /** Interrupts the reading under way, and cancels one not yet begun (its caller would wait out the time limit). */
  @Override
  public void close() {
    for (Runnable waiting : thread.shutdownNow()) {
      if (waiting instanceof Future<?> reading) {
        reading.cancel(true);
      }
    }
  }
}
