package org.plenary.shared;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leases held in the database ({@code node_leases}), so that a job several nodes schedule runs on
 * one of them: the node that takes a lease holds it until it expires or is released, and no other
 * node takes it meanwhile. Each lease is taken by one conditional UPDATE (or the INSERT of its row),
 * so two nodes asking at once never both get it. Nodes compare their own clocks with the lease's
 * end: keep them synchronised (NTP); a skew only shortens or lengthens a lease by as much.
 */
@Component
public class Leases {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String node;

  public Leases(JdbcClient jdbc, Clock clock, @Value("${plenary.node.name:}") String node,
      @Value("${server.port:8080}") String port) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.node = node.isBlank() ? host() + ":" + port + "/" + ProcessHandle.current().pid() : node;
  }

  /** This node's name in leases and claims: {@code plenary.node.name}, or host:port/pid. */
  public String node() {
    return node;
  }

  /** Takes the lease for {@code holdFor} when nobody else holds it; false when another node does. */
  public boolean tryAcquire(String name, Duration holdFor) {
    Instant now = clock.instant();
    OffsetDateTime until = now.plus(holdFor).atOffset(ZoneOffset.UTC);
    int taken = jdbc.sql("UPDATE node_leases SET holder = ?, lease_until = ? WHERE name = ? AND (lease_until <= ? OR holder = ?)")
        .params(node, until, name, now.atOffset(ZoneOffset.UTC), node).update();
    if (taken == 1) {
      return true;
    }
    try {
      return jdbc.sql("INSERT INTO node_leases (name, holder, lease_until) VALUES (?, ?, ?)")
          .params(name, node, until).update() == 1;
    } catch (DuplicateKeyException held) {
      return false;
    }
  }

  /** Gives the lease back at once, if this node holds it. */
  public void release(String name) {
    jdbc.sql("UPDATE node_leases SET lease_until = ? WHERE name = ? AND holder = ?")
        .params(clock.instant().atOffset(ZoneOffset.UTC), name, node).update();
  }

  /**
   * Runs a scheduled job on one node per period: the node that takes the lease runs it and keeps
   * the lease for {@code period} (not released when the job ends, so that the other nodes, whose
   * schedules are shifted, skip this round); a node that dies mid-job frees it when the period ends.
   * Returns whether this node ran it.
   */
  public boolean runOnce(String name, Duration period, Runnable job) {
    if (!tryAcquire(name, period)) {
      return false;
    }
    job.run();
    return true;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
