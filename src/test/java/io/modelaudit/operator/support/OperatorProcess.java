package io.modelaudit.operator.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production entry point ({@code io.modelaudit.operator.Main}) in a JVM of its own, started
 * from the jar and the runtime classpath that {@code package} wrote (the failsafe system properties
 * {@code modelaudit.productionJar} and {@code modelaudit.runtimeClasspath}), exactly as the
 * container image runs it. Its console goes to a file the test reads. {@link #close()} kills it
 * (and anything it started) if the test did not end it.
 */
public final class OperatorProcess implements AutoCloseable {

  private static final String MAIN = "io.modelaudit.operator.Main";
  private static final Pattern HTTP_PORT = Pattern.compile("/readyz on port (\\d+)");

  /** Inherited variables that would point the child elsewhere than the test says. */
  private static final List<String> INHERITED_PREFIXES =
      List.of("AWS_", "MODELAUDIT_", "KUBECONFIG", "KUBERNETES_", "POD_", "HOSTNAME");

  private final String name;
  private final Process process;
  private final Path log;

  private OperatorProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts Main with exactly these variables on top of a cleaned environment (PATH, HOME and the
   * like stay; AWS, Kubernetes and operator settings of the test's own environment do not).
   *
   * @param name used for the log file's name and in messages
   */
  public static OperatorProcess start(String name, Map<String, String> env, Path dir) {
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(productionClasspath());
    command.add(MAIN);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> INHERITED_PREFIXES.stream().anyMatch(k::startsWith));
    environment.putAll(env);
    try {
      return new OperatorProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped jar followed by its runtime dependencies, as the image's classpath. */
  private static String productionClasspath() {
    Path jar = Path.of(requiredProperty("modelaudit.productionJar"));
    Path classpathFile = Path.of(requiredProperty("modelaudit.runtimeClasspath"));
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException(
          "run after package: " + jar + " and " + classpathFile + " must exist");
    }
    try {
      return jar + File.pathSeparator + Files.readString(classpathFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String requiredProperty(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set (the failsafe configuration sets it)");
    }
    return value;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Sends SIGTERM, as the kubelet does when a pod is deleted ({@code Process.destroy}). */
  public void sigterm() {
    process.destroy();
  }

  /** Waits at most this long for the process to end; true when it did. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public int exitValue() {
    return process.exitValue();
  }

  /** Everything the process printed so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port of the operator's HTTP server, once its start line is logged. */
  public OptionalInt httpPort() {
    Matcher m = HTTP_PORT.matcher(log());
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** A thread dump of the running process (jcmd), for a failure message; empty if unavailable. */
  public String threadDump() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!process.isAlive() || !Files.isExecutable(jcmd)) {
      return "";
    }
    try {
      Process dump =
          new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!dump.waitFor(20, TimeUnit.SECONDS)) {
        dump.destroyForcibly();
      }
      return text;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Kills the process and whatever it started, if still running. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(10));
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
