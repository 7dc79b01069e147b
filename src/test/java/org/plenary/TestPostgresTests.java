package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which leftover test databases a fresh one's creation may drop: never one a running process made. */
class TestPostgresTests {

  @Test
  void aDatabaseOfThisProcessBelongsToALiveOne() {
    assertThat(TestPostgres.ofLiveProcess("plenary_test_" + ProcessHandle.current().pid() + "_123456")).isTrue();
  }

  @Test
  void aDatabaseOfAnEndedProcessIsStale() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    assertThat(TestPostgres.ofLiveProcess("plenary_test_" + ended.pid() + "_42")).isFalse();
  }

  @Test
  void aNameWithoutAProcessIsStale() {
    assertThat(TestPostgres.ofLiveProcess("plenary_test_x_1")).isFalse();
    assertThat(TestPostgres.ofLiveProcess("plenary_test_1")).isFalse();
  }
}
