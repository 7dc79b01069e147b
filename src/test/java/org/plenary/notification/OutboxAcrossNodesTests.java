package org.plenary.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenary.EnabledIfPostgres;
import org.plenary.TestPostgres;
import org.plenary.shared.Leases;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Two nodes on one PostgreSQL database, each with its own connections, outbox and SMTP client, both
 * delivering the same kept messages at once: every message reaches the SMTP server (GreenMail) once.
 */
@EnabledIfPostgres
class OutboxAcrossNodesTests {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(15025, "127.0.0.1", "smtp"));

  private static TestPostgres.Database database;

  @BeforeAll
  static void migrate() {
    database = TestPostgres.freshDatabase();
    Flyway.configure().dataSource(database.url(), database.user(), database.password())
        .locations("classpath:db/migration").load().migrate();
  }

  private record Node(Outbox outbox, OutboxDelivery delivery) {}

  private static Node node(String name, Clock clock) {
    var dataSource = new DriverManagerDataSource(database.url(), database.user(), database.password());
    var jdbc = JdbcClient.create(dataSource);
    var sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(15025);
    var smtpProvider = new StaticListableBeanFactory(Map.of("smtp", sender)).getBeanProvider(JavaMailSender.class);
    var outbox = new Outbox(jdbc, new org.springframework.jdbc.core.JdbcTemplate(dataSource), database.url());
    var handover = new SmtpHandover(outbox, smtpProvider, "plenary@localhost", clock, new Leases(jdbc, clock, name, "0"),
        new org.springframework.jdbc.support.JdbcTransactionManager(dataSource));
    return new Node(outbox, new OutboxDelivery(outbox, handover, clock));
  }

  @Test
  void twoNodesDeliveringTheSameKeptMessagesSendEachOnce() throws Exception {
    // Two minutes on: the messages are left-overs (kept over a minute ago); no claim is stale yet (ten minutes).
    Clock later = Clock.fixed(Instant.now().plusSeconds(120), java.time.ZoneOffset.UTC);
    Node a = node("a", later);
    Node b = node("b", later);
    for (int i = 0; i < 30; i++) {
      a.outbox().keep(Instant.now(), "delegate" + i + "@example.org", "Left over " + i, "body " + i);
    }
    var start = new CountDownLatch(1);
    var tasks = new ArrayList<CompletableFuture<Integer>>();
    for (Node node : List.of(a, b, a, b)) {
      tasks.add(CompletableFuture.supplyAsync(() -> {
        await(start);
        return node.delivery().deliverLeftovers(later.instant());
      }));
    }
    start.countDown();
    tasks.forEach(CompletableFuture::join);

    assertThat(smtp.getReceivedMessages()).hasSize(30);
    assertThat(List.of(smtp.getReceivedMessages()).stream().map(m -> subject(m)).distinct()).hasSize(30);
    assertThat(JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()))
        .sql("SELECT COUNT(*) FROM mail_messages WHERE status = 'SENT'").query(Long.class).single()).isEqualTo(30);
  }

  @Test
  void aMessageIsClaimedByOneNodeOnly() throws Exception {
    Clock clock = Clock.systemUTC();
    Node a = node("a", clock);
    Node b = node("b", clock);
    long id = a.outbox().keep(Instant.now(), "x@example.org", "Claimed once", "body");
    var start = new CountDownLatch(1);
    var claims = new AtomicInteger();
    var tasks = new ArrayList<CompletableFuture<Void>>();
    for (int i = 0; i < 16; i++) {
      Outbox outbox = (i % 2 == 0 ? a : b).outbox();
      String name = i % 2 == 0 ? "a" : "b";
      tasks.add(CompletableFuture.runAsync(() -> {
        await(start);
        if (outbox.claim(id, name, Instant.now())) {
          claims.incrementAndGet();
        }
      }));
    }
    start.countDown();
    tasks.forEach(CompletableFuture::join);
    assertThat(claims).hasValue(1);
  }

  private static String subject(jakarta.mail.internet.MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
