package org.plenary.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class BatchWorkerTests {

  /** Transactions that always begin and end: what matters here is what the work throws. */
  private static final TransactionTemplate TRANSACTIONS = new TransactionTemplate(new PlatformTransactionManager() {
    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) {
      return new SimpleTransactionStatus();
    }

    @Override
    public void commit(TransactionStatus status) {}

    @Override
    public void rollback(TransactionStatus status) {}
  });

  @Test
  void aBatchRefusedByOneOfItsRequestsIsRunAgainOneByOneSoTheOthersSucceed() throws Exception {
    var calls = new AtomicInteger();
    List<CompletableFuture<String>> answers = batchOfFiveAfterAFirst(calls, requests -> {
      if (requests.contains(3)) {
        throw new IllegalArgumentException("3 is refused");
      }
      return requests.stream().map(n -> "ok " + n).toList();
    });

    assertThat(answers.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("ok 1");
    assertThat(catchThrowable(() -> answers.get(2).get(5, TimeUnit.SECONDS))).hasRootCauseMessage("3 is refused");
    assertThat(answers.get(4).get(5, TimeUnit.SECONDS)).isEqualTo("ok 5");
    assertThat(calls).hasValue(1 + 1 + 5);
  }

  @Test
  void withoutADatabaseEveryRequestOfTheBatchIsToldSoAtOnceNotTriedAlone() throws Exception {
    var calls = new AtomicInteger();
    List<CompletableFuture<String>> answers = batchOfFiveAfterAFirst(calls, requests -> {
      throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
    });

    for (var answer : answers) {
      assertThat(catchThrowable(() -> answer.get(5, TimeUnit.SECONDS)))
          .hasCauseInstanceOf(CannotGetJdbcConnectionException.class);
    }
    assertThat(calls).as("the first request's batch, then the five together, none of them alone").hasValue(2);
  }

  /**
   * Holds the worker on a first request (answered "first") while five more queue up, so that those five
   * form one batch; returns their answers.
   */
  private static List<CompletableFuture<String>> batchOfFiveAfterAFirst(AtomicInteger calls,
      java.util.function.Function<List<Integer>, List<String>> work) throws Exception {
    var holding = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var worker = new BatchWorker<Integer, String>("test worker", 10, TRANSACTIONS, requests -> {
      calls.incrementAndGet();
      if (requests.equals(List.of(0))) {
        holding.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return List.of("first");
      }
      return work.apply(requests);
    });
    try {
      CompletableFuture<String> first = worker.submitAsync(0);
      assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<String>> answers = List.of(1, 2, 3, 4, 5).stream().map(worker::submitAsync).toList();
      release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failed -> null)
          .get(10, TimeUnit.SECONDS);
      return answers;
    } finally {
      worker.stop();
    }
  }
}
