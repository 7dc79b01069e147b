package org.plenary.ftp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's Prometheus metrics (Micrometer names; Prometheus shows dots as underscores):
 * {@code plenary_ftp_sessions} (control connections open now), {@code plenary_ftp_sign_in_failures_total},
 * {@code plenary_ftp_transfers_total{direction}} and {@code plenary_ftp_bytes_total{direction}}
 * (completed RETR = download, STOR = upload), and {@code plenary_ftp_refusals_total{code}}: every
 * reply from 400 to 599 by its code, a set this code base bounds.
 */
final class FtpMetrics {

  enum Direction {
    UPLOAD, DOWNLOAD;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger transfersRunning = new AtomicInteger();
  private final Counter signInFailures;
  private final Counter[] transfers = new Counter[2];
  private final Counter[] bytes = new Counter[2];

  FtpMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("plenary.ftp.sessions", sessions, AtomicInteger::get)
        .description("FTP control connections open now").register(registry);
    signInFailures = Counter.builder("plenary.ftp.sign.in.failures")
        .description("FTP sign-ins refused for a wrong username, password or token").register(registry);
    for (Direction direction : Direction.values()) {
      transfers[direction.ordinal()] = Counter.builder("plenary.ftp.transfers").tag("direction", direction.tag())
          .description("FTP file transfers completed (RETR: download, STOR: upload)").register(registry);
      bytes[direction.ordinal()] = Counter.builder("plenary.ftp.bytes").tag("direction", direction.tag())
          .baseUnit("bytes").description("Bytes of the FTP file transfers completed").register(registry);
    }
  }

  void sessionOpened() {
    sessions.incrementAndGet();
  }

  void sessionClosed() {
    sessions.decrementAndGet();
  }

  /** A transfer (STOR, RETR, a listing) started; a graceful stop waits for those running. */
  void transferStarted() {
    transfersRunning.incrementAndGet();
  }

  void transferStopped() {
    transfersRunning.decrementAndGet();
  }

  int transfersRunning() {
    return transfersRunning.get();
  }

  void signInFailed() {
    signInFailures.increment();
  }

  void transferred(Direction direction, long size) {
    transfers[direction.ordinal()].increment();
    bytes[direction.ordinal()].increment(size);
  }

  /** Counts a refusal (a 4xx or 5xx reply) by its code. */
  void replied(Reply reply) {
    if (reply.code() >= 400 && reply.code() < 600) {
      Counter.builder("plenary.ftp.refusals").tag("code", Integer.toString(reply.code()))
          .description("FTP replies from 400 to 599, by reply code").register(registry).increment();
    }
  }
}
