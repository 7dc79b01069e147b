package org.plenary.notification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.plenary.contribution.ContributionEvents.ContributionPublished;
import org.plenary.contribution.ContributionEvents.ContributionReceived;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalApplicationListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mails an earlier version left to module listeners this version no longer has. Until 5 December 2026
 * the mails of numbers allocated, documents received and documents published were written by module
 * listeners after the step's transaction, each through a row of the event publication registry; they
 * are now written by the step's transaction itself. A row such a listener had not completed when the
 * earlier version stopped (a crash, an upgrade while mail was pending) has no listener left to complete
 * it, so its mails would never be written. Once at each start, such rows are taken one by one, each in a
 * transaction that deletes it (so that of several nodes starting together one alone takes it) and writes
 * its mails, asking the outbox who was mailed already (the earlier listener may have written them and
 * stopped before it marked the row completed). The event is read from its JSON as every earlier shape of
 * it wrote it (one number, a list of numbers, a list of contributions or of files), not as a class of
 * this version. Rows of any other listener this version does not have are logged, not touched.
 */
@Component
class RetiredMailEvents {

  private static final Logger LOG = LoggerFactory.getLogger(RetiredMailEvents.class);
  /** How Spring names a listener method: its class, its name, its parameter's class. */
  static final String LISTENER = "org.plenary.notification.ContributionMail.on(org.plenary.contribution.ContributionEvents$";

  /** What a retired listener's event was about, by its event's simple name. */
  enum Kind {
    ALLOCATED, RECEIVED, PUBLISHED;

    static Kind of(String listenerId) {
      if (!listenerId.startsWith(LISTENER) || !listenerId.endsWith(")")) {
        return null;
      }
      return switch (listenerId.substring(LISTENER.length(), listenerId.length() - 1)) {
        case "NumberAllocated", "NumbersAllocated" -> ALLOCATED;
        case "ContributionReceived", "ContributionsReceived" -> RECEIVED;
        case "ContributionPublished", "ContributionsPublished" -> PUBLISHED;
        default -> null;
      };
    }
  }

  private final JdbcClient jdbc;
  private final ContributionMail mail;
  private final ApplicationContext context;
  private final TransactionTemplate transaction;
  private final JsonMapper json = JsonMapper.builder().build();

  RetiredMailEvents(JdbcClient jdbc, ContributionMail mail, ApplicationContext context,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.context = context;
    this.transaction = new TransactionTemplate(transactions);
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStartUp() {
    run();
  }

  /** Writes the mails of every pending row of a retired listener; answers how many rows it took. */
  int run() {
    record Pending(UUID id, String listener) {}
    List<Pending> pending = jdbc.sql("SELECT id, listener_id FROM event_publication WHERE completion_date IS NULL")
        .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2))).list();
    Set<String> current = currentListeners();
    Set<String> unknown = new LinkedHashSet<>();
    int taken = 0;
    for (Pending row : pending) {
      Kind kind = Kind.of(row.listener());
      if (kind != null) {
        try {
          taken += Boolean.TRUE.equals(transaction.execute(status -> take(row.id(), kind))) ? 1 : 0;
        } catch (RuntimeException e) {
          LOG.warn("Could not write the mails of the pending event {} left by an earlier version ({}): {}; kept for the next start.",
              row.id(), row.listener(), e.toString());
        }
      } else if (current != null && !current.contains(row.listener())) {
        unknown.add(row.listener());
      }
    }
    if (taken > 0) {
      LOG.info("Wrote the mails of {} event(s) an earlier version had left pending for listeners it no longer has.", taken);
    }
    if (!unknown.isEmpty()) {
      LOG.warn("Events are pending for listeners this version does not have, and stay so: {}", unknown);
    }
    return taken;
  }

  /** Deletes the row and writes its mails in the caller's transaction; false when another node took it first. */
  private boolean take(UUID id, Kind kind) {
    String event = jdbc.sql("SELECT serialized_event FROM event_publication WHERE id = ? AND completion_date IS NULL")
        .param(id).query(String.class).optional().orElse(null);
    if (event == null || jdbc.sql("DELETE FROM event_publication WHERE id = ?").param(id).update() == 0) {
      return false;
    }
    JsonNode tree = json.readTree(event);
    switch (kind) {
      case ALLOCATED -> mail.numbersAllocatedEarlier(numbers(tree));
      case RECEIVED -> mail.receivedEarlier(files(tree).stream().map(f -> new ContributionReceived(f.number(), f.fileId())).toList());
      case PUBLISHED -> mail.publishedEarlier(files(tree).stream().map(f -> new ContributionPublished(f.number(), f.fileId(), null)).toList());
    }
    return true;
  }

  /** Every number the event names: {@code number} fields and the texts of {@code numbers} arrays, at any depth. */
  static List<String> numbers(JsonNode tree) {
    var found = new LinkedHashSet<String>();
    for (JsonNode node : nodes(tree)) {
      if (node.isObject() && node.path("number").isString()) {
        found.add(node.path("number").asString());
      }
      if (node.isObject() && node.path("numbers").isArray()) {
        node.path("numbers").forEach(n -> {
          if (n.isString()) {
            found.add(n.asString());
          }
        });
      }
    }
    return List.copyOf(found);
  }

  record FileRef(String number, long fileId) {}

  /** Every file the event names: objects with a {@code number} and a {@code fileId}, at any depth. */
  static List<FileRef> files(JsonNode tree) {
    var found = new ArrayList<FileRef>();
    for (JsonNode node : nodes(tree)) {
      if (node.isObject() && node.path("number").isString() && node.path("fileId").canConvertToLong()) {
        found.add(new FileRef(node.path("number").asString(), node.path("fileId").asLong()));
      }
    }
    return found;
  }

  private static List<JsonNode> nodes(JsonNode tree) {
    var all = new ArrayList<JsonNode>();
    var todo = new ArrayList<JsonNode>(List.of(tree));
    while (!todo.isEmpty()) {
      JsonNode node = todo.removeLast();
      all.add(node);
      node.forEach(todo::add);
    }
    return all;
  }

  /** The ids of this version's listeners kept through the registry; null when the context does not tell. */
  private Set<String> currentListeners() {
    if (!(context instanceof AbstractApplicationContext app)) {
      return null;
    }
    var ids = new LinkedHashSet<String>();
    app.getApplicationListeners().forEach(listener -> {
      if (listener instanceof TransactionalApplicationListener<?> transactional) {
        ids.add(transactional.getListenerId());
      }
    });
    return ids;
  }
}
