package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The jar's Main-Class (src/main/java-gate, compiled by the build into target/gate-classes and put at the jar's
 * root): any Java from 8 up loads it, and an older Java than 25 gets one sentence and status 1, not an
 * UnsupportedClassVersionError and a stack trace.
 */
class JavaVersionGateTests {

  static final Path GATE = Path.of("target", "gate-classes", "org", "plenary", "gate", "JavaVersionGate.class");
  static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

  @Test
  void theGateIsCompiledForJava8() throws Exception {
    try (InputStream in = Files.newInputStream(GATE); var data = new DataInputStream(in)) {
      assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
      data.readUnsignedShort();
      assertThat(data.readUnsignedShort()).as("class file major version (52 = Java 8)").isEqualTo(52);
    }
  }

  @Test
  void anOlderJavaGetsOneSentenceAndStatus1() throws Exception {
    if (!Files.isExecutable(JAVA_17)) {
      System.out.println("JavaVersionGateTests: skipped, no Java 17 at " + JAVA_17);
      Assumptions.abort("no Java 17 at " + JAVA_17);
    }
    Process gate = new ProcessBuilder(JAVA_17.toString(), "-cp", Path.of("target", "gate-classes").toString(),
        "org.plenary.gate.JavaVersionGate", "--demo").start();
    gate.getOutputStream().close();
    assertThat(gate.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(gate.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String stdout = new String(gate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(gate.exitValue()).isEqualTo(1);
    assertThat(stdout).isEmpty();
    assertThat(stderr).isEqualTo("Plenary needs Java 25 or newer; this is Java 17 (/usr/lib/jvm/java-17-openjdk-amd64). "
        + "Install a JDK 25 and run it with that java, or set JAVA_HOME." + System.lineSeparator());
  }
}
