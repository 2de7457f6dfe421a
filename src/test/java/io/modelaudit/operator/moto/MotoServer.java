package io.modelaudit.operator.moto;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@code moto_server} process (the AWS emulator) for the whole test JVM, on 127.0.0.1 and a
 * free port.
 *
 * <p>Use it with {@code @ExtendWith(MotoServer.Extension.class)}: the extension starts the server
 * on first use and hands it to JUnit's root store, which stops it (with its whole process tree)
 * when the test run ends; a JVM shutdown hook is the backstop. {@link #shared()} gives the same
 * server to code that is not an extension, such as {@link MotoSupport}.
 *
 * <p>When {@code moto_server} is not on the PATH the tests are skipped (the extension disables
 * them; {@link #shared()} aborts its caller), or fail when the system property {@value
 * #REQUIRE_PROPERTY} or the environment variable {@value #REQUIRE_VARIABLE} is {@code true} (as CI
 * sets it).
 */
public final class MotoServer implements AutoCloseable {

  /** System property that turns a missing moto_server from a skip into a failure. */
  public static final String REQUIRE_PROPERTY = "modelaudit.requireMoto";

  /** Environment variable with the same effect as {@link #REQUIRE_PROPERTY}; CI sets it. */
  public static final String REQUIRE_VARIABLE = "MODELAUDIT_REQUIRE_MOTO";

  public static final String EXECUTABLE = "moto_server";

  private static final String MISSING =
      EXECUTABLE
          + " (the moto AWS emulator) is not on the PATH; install it with: pip install"
          + " 'moto[server]'";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private static MotoServer shared;
  private static boolean shutdownHookInstalled;

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /**
   * The JVM's moto server, started on first call. Aborts the calling test when moto_server is
   * missing, or fails it when {@value #REQUIRE_PROPERTY} is true.
   */
  public static synchronized MotoServer shared() {
    if (shared == null || !shared.process.isAlive()) {
      Path executable = requireExecutable();
      shared = start(executable);
      if (!shutdownHookInstalled) {
        Runtime.getRuntime().addShutdownHook(new Thread(MotoServer::stopShared, "moto-stop"));
        shutdownHookInstalled = true;
      }
    }
    return shared;
  }

  /**
   * A server of the caller's own, not the JVM's shared one (the local sandbox uses it); the caller
   * closes it. Fails when moto_server is not on the PATH.
   */
  public static MotoServer startOwn() {
    Path executable =
        findExecutable(System.getenv("PATH")).orElseThrow(() -> new IllegalStateException(MISSING));
    return start(executable);
  }

  private static synchronized void stopShared() {
    if (shared != null) {
      shared.close();
    }
  }

  /** Where moto listens, e.g. http://127.0.0.1:40123. */
  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every resource in every service and region, so each test starts from nothing. */
  public void reset() {
    HttpResponse<String> answer =
        send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(noBody()));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "moto reset answered " + answer.statusCode() + ": " + answer.body());
    }
  }

  /** Stops the server and every process it started. */
  @Override
  public void close() {
    synchronized (MotoServer.class) {
      if (shared == this) {
        shared = null;
      }
    }
    stop(process);
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // A leftover log file in the temp directory is harmless.
    }
  }

  // ---- starting and stopping ----

  /** The moto_server executable in one of the PATH's directories, if any. */
  public static Optional<Path> findExecutable(String pathVariable) {
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, EXECUTABLE);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Path requireExecutable() {
    Optional<Path> executable = findExecutable(System.getenv("PATH"));
    if (executable.isPresent()) {
      return executable.get();
    }
    if (motoRequired()) {
      return Assertions.fail(missingRequiredMessage());
    }
    Assumptions.abort(MISSING);
    throw new AssertionError("unreachable");
  }

  private static boolean motoRequired() {
    return Boolean.getBoolean(REQUIRE_PROPERTY)
        || "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE));
  }

  private static String missingRequiredMessage() {
    return MISSING + " (" + REQUIRE_PROPERTY + "=true makes this a failure)";
  }

  private static MotoServer start(Path executable) {
    IllegalStateException failure = null;
    // The free port is only free until moto binds it; another process may win the race.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(executable, freePort());
      } catch (IllegalStateException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  private static MotoServer startOnce(Path executable, int port) {
    Path log;
    Process process;
    try {
      log = Files.createTempFile("moto-server-", ".log");
      process =
          new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + executable, e);
    }
    MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        String output = server.logText();
        server.close();
        throw new IllegalStateException(
            EXECUTABLE
                + " exited with "
                + process.exitValue()
                + " on port "
                + port
                + ":\n"
                + output);
      }
      if (server.answers()) {
        return server;
      }
      sleep(100);
    }
    String output = server.logText();
    server.close();
    throw new IllegalStateException(
        EXECUTABLE
            + " did not answer on port "
            + port
            + " within "
            + START_TIMEOUT
            + ":\n"
            + output);
  }

  private boolean answers() {
    try {
      http.send(
          HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
              .timeout(Duration.ofSeconds(2))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto", e);
    }
  }

  /** Stops the children first, so that a wrapper script cannot leave the real server behind. */
  private static void stop(Process process) {
    List<ProcessHandle> tree = process.descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on 127.0.0.1", e);
    }
  }

  private String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("moto at " + endpoint + " did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling moto", e);
    }
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto", e);
    }
  }

  /**
   * JUnit 5 extension: skips the class's tests (or fails them when {@value #REQUIRE_PROPERTY} is
   * true) when moto_server is missing, makes sure the JVM's moto server runs before the class's
   * tests, registers it in the root store so JUnit stops it after the last test, and injects it as
   * a parameter.
   */
  public static final class Extension
      implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(MotoServer.class);

    /** Disables rather than aborts, so that reports count every skipped test. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (findExecutable(System.getenv("PATH")).isPresent()) {
        return ConditionEvaluationResult.enabled(EXECUTABLE + " is installed");
      }
      if (motoRequired()) {
        return Assertions.fail(missingRequiredMessage());
      }
      return ConditionEvaluationResult.disabled(MISSING);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return server(context);
    }

    private static MotoServer server(ExtensionContext context) {
      // shared() first, so a skip or failure for a missing moto_server reaches JUnit unwrapped.
      MotoServer server = shared();
      ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
      MotoServer stored =
          root.getOrComputeIfAbsent(MotoServer.class, k -> server, MotoServer.class);
      if (stored != server) {
        // The stored one was closed and a new one started; let the root store close the new one.
        root.put(MotoServer.class, server);
      }
      return server;
    }
  }
}
