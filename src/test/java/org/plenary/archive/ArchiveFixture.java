package org.plenary.archive;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.plenary.account.AccessTokens;
import org.plenary.account.AccountDirectory;
import org.plenary.account.NewAccount;
import org.plenary.account.PlenaryUser;
import org.plenary.account.Role;
import org.plenary.contribution.Allocation;
import org.plenary.contribution.Contribution;
import org.plenary.contribution.ContributionDesk;
import org.plenary.group.GroupCatalog;
import org.plenary.group.GroupDraft;
import org.plenary.meeting.LatePolicy;
import org.plenary.meeting.MeetingCatalog;
import org.plenary.meeting.MeetingDraft;

/** A group with meetings, an author and a clerk, and the steps tests take with documents. */
public record ArchiveFixture(ContributionDesk desk, PlenaryUser author, PlenaryUser clerk, String slug) {

  public static ArchiveFixture create(String slug, String acronym, GroupCatalog groups, AccountDirectory accounts,
      AccessTokens tokens) {
    groups.create(new GroupDraft(slug, acronym, "Focus Group " + slug, null, null, "English", 12, null, null, List.of(),
        List.of(), List.of()));
    accounts.create(new NewAccount(slug + "-author", slug + "-author@example.org", "Ada Author", null, null, Set.of()),
        "author-pass-2026", false);
    accounts.create(new NewAccount(slug + "-clerk", slug + "-clerk@example.org", "Clem Clerk", null, null,
        Set.of(Role.SECRETARIAT)), "clerk-pass-2026", false);
    return new ArchiveFixture(null, user(slug + "-author", accounts, tokens), user(slug + "-clerk", accounts, tokens),
        slug);
  }

  /**
   * The hash a version's successor names as {@code previous}, computed from the served MANIFEST.json
   * as the README tells a reader to: format 1, the SHA-256 of the file; format 2, the SHA-256 of its
   * canonical JSON without {@code files} and {@code withdrawn}.
   */
  @SuppressWarnings("unchecked")
  /**
   * Holds the group's feed lock (the row every publication locks) on one of {@code threads} until
   * {@link FeedLock#release()}: publications asked meanwhile wait and queue up, so the next batch takes
   * them together. Returns once the lock is held.
   */
  public static FeedLock holdFeedLock(java.util.concurrent.ExecutorService threads,
      org.springframework.transaction.PlatformTransactionManager transactions,
      org.springframework.jdbc.core.simple.JdbcClient jdbc, long group) throws InterruptedException {
    var held = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    var holder = threads.submit(() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
        .executeWithoutResult(status -> {
          jdbc.sql("SELECT last_change FROM archive_feeds WHERE group_id = ? FOR UPDATE").param(group)
              .query(Long.class).single();
          held.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }));
    if (!held.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new AssertionError("the feed's lock was not taken within 30 s");
    }
    return new FeedLock(release, holder);
  }

  /** A feed lock held by {@link #holdFeedLock}. */
  public record FeedLock(java.util.concurrent.CountDownLatch letGo, java.util.concurrent.Future<?> holder) {

    /** Lets the lock go and waits until its transaction ended. */
    public void release() throws Exception {
      letGo.countDown();
      holder.get();
    }
  }

  public static String versionHash(byte[] manifest) {
    var json = tools.jackson.databind.json.JsonMapper.builder().build().readValue(manifest, java.util.LinkedHashMap.class);
    if ("plenary-manifest/1".equals(json.get("format"))) {
      return Digests.sha256Hex(manifest);
    }
    json.remove("files");
    json.remove("withdrawn");
    return Digests.sha256Hex(CanonicalJson.bytes(json));
  }

  public ArchiveFixture with(ContributionDesk desk) {
    return new ArchiveFixture(desk, author, clerk, slug);
  }

  public static void meeting(MeetingCatalog meetings, String slug, String code, boolean documentsPublic) {
    meetings.schedule(slug, new MeetingDraft(code, LocalDate.now().plusDays(40), LocalDate.now().plusDays(41),
        "Europe/Zurich", "Geneva", null, "gva", null, null, null, null, "English", false, documentsPublic, null, null,
        LocalDateTime.now().plusDays(30), null, LatePolicy.FLAG, List.of(), List.of()));
  }

  /** Allocates a number, uploads the text as its PDF and publishes it; answers the number. */
  public String publish(String code, String title, String text) {
    String number = upload(code, title, text);
    publish(number);
    return number;
  }

  /** Allocates a number and uploads the text as its PDF; answers the number. */
  public String upload(String code, String title, String text) {
    Contribution c = desk.allocate(slug, code, new Allocation(title, "Source of " + title, List.of(), null, List.of()),
        author);
    desk.upload(c.number(), c.number() + ".pdf", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), author);
    return c.number();
  }

  /** Allocates a number, uploads these bytes as its PDF and publishes it; answers the number. */
  public String publish(String code, String title, byte[] content) {
    Contribution c = desk.allocate(slug, code, new Allocation(title, "Source of " + title, List.of(), null, List.of()),
        author);
    desk.upload(c.number(), c.number() + ".pdf", new ByteArrayInputStream(content), author);
    publish(c.number());
    return c.number();
  }

  /** Publishes the version waiting, as the secretariat. */
  public void publish(String number) {
    desk.publish(number, clerk);
  }

  public void revise(String number, int revision, String text) {
    desk.upload(number, number + "r" + revision + ".pdf", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        author);
    desk.publish(number, clerk);
  }

  public void withdraw(String number) {
    desk.withdraw(number, "Withdrawn by its author", clerk);
  }

  private static PlenaryUser user(String username, AccountDirectory accounts, AccessTokens tokens) {
    return tokens.authenticate(tokens.issue(accounts.find(username).orElseThrow().id(), "test").token()).orElseThrow();
  }
}
