package io.modelaudit.operator.sandbox;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.modelaudit.operator.ModelAuditOperator;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.aws.AwsRegions;
import io.modelaudit.operator.config.AwsFacts;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.status.Conditions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The whole product on one machine, with no cluster and no AWS account: an embedded Kubernetes API
 * (fabric8's mock server in CRUD mode, with the CRD and what kubectl needs), CloudWatch (moto when
 * installed, otherwise the in-memory fake), and the operator built by the production {@link
 * ModelAuditOperator#create}. It applies {@code examples/}, shows the operator converge, repair
 * drift, and then keeps a live table of ModelAudits until Ctrl-C; {@code --once} stops after the
 * drift repair.
 *
 * <p>Run it with {@code ./sandbox.sh} (or {@code ./mvnw -q -B -Psandbox test-compile exec:java}).
 */
public final class Sandbox {

  static final String NAMESPACE = "ml-prod";
  static final Path CRD = Path.of("crds", "modelaudits.modelaudit.io-v1.yml");
  static final Path ACCOUNTS_CRD = Path.of("crds", "modelauditaccounts.modelaudit.io-v1.yml");
  static final Path EXAMPLES = Path.of("examples");
  static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(2);
  static final Duration POLL = Duration.ofMillis(500);
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private static final String USAGE =
      """
      usage: ./sandbox.sh [--once] [--cloudwatch=auto|moto|fake] [--no-drift] [--dir=DIR]

        --once           converge, show the drift repair and the table, then exit (0 when all Ready)
        --cloudwatch=    auto (default): moto_server when on the PATH, else the in-memory fake;
                         moto: require moto_server; fake: always the in-memory fake
        --no-drift       do not change CloudWatch behind the operator's back
        --dir=DIR        where the kubeconfig and the operator log go (default target/sandbox)
      """;

  /** Command-line options. */
  record Options(
      boolean once, CloudWatchBackend.Choice cloudWatch, boolean drift, Path dir, boolean help) {

    static Options parse(String... args) {
      boolean once = false;
      boolean drift = true;
      boolean help = false;
      CloudWatchBackend.Choice cloudWatch = CloudWatchBackend.Choice.AUTO;
      Path dir = Path.of("target", "sandbox");
      for (String arg : args) {
        if (arg.isBlank()) {
          continue;
        } else if ("--once".equals(arg)) {
          once = true;
        } else if ("--no-drift".equals(arg)) {
          drift = false;
        } else if ("--help".equals(arg) || "-h".equals(arg)) {
          help = true;
        } else if (arg.startsWith("--cloudwatch=")) {
          cloudWatch = CloudWatchBackend.Choice.parse(arg.substring("--cloudwatch=".length()));
        } else if (arg.startsWith("--dir=")) {
          dir = Path.of(arg.substring("--dir=".length()));
        } else {
          throw new IllegalArgumentException("unknown option: " + arg);
        }
      }
      return new Options(once, cloudWatch, drift, dir, help);
    }
  }

  /** Short resync and retry delays, so that drift is repaired while a newcomer watches. */
  static OperatorConfig config() {
    return OperatorConfig.defaults()
        // moto's and the in-memory fake's account, which the examples' SNS topics use
        .withAws(new AwsFacts(AwsRegions.known(), Optional.of("123456789012")))
        .withClusterName("sandbox")
        .withResyncInterval(Duration.ofSeconds(5))
        .withRetryDelays(Duration.ofMillis(500), Duration.ofSeconds(10));
  }

  private final Options options;
  private final PrintStream out;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Set<String> seenEvents = new HashSet<>();
  private List<ModelAuditTable.Row> lastRows = List.of();
  private Optional<Path> logFile = Optional.empty();

  Sandbox(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(USAGE);
      System.exit(0);
      return;
    }
    Path log = options.dir().resolve("operator.log").toAbsolutePath();
    logTo(log);
    Sandbox sandbox = new Sandbox(options, System.out);
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              sandbox.requestStop();
              try {
                finished.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sandbox-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    sandbox.logFile = Optional.of(log);
    int code;
    try {
      code = sandbox.run();
    } catch (Exception e) {
      System.err.println("sandbox failed: " + e);
      e.printStackTrace(System.err);
      code = 1;
    } finally {
      finished.countDown();
    }
    if (!sandbox.stopRequested()) {
      // A plain return would leave exec:java waiting for the clients' worker threads.
      System.exit(code);
    }
  }

  /** Asks {@link #run} to stop everything and return; safe from any thread. */
  void requestStop() {
    stop.countDown();
  }

  boolean stopRequested() {
    return stop.getCount() == 0;
  }

  /**
   * Starts everything, applies the examples, waits for them to converge, shows a drift repair and
   * then either returns ({@code --once}) or prints the live table until {@link #requestStop}.
   *
   * @return 0 when every ModelAudit became Ready (and drift was repaired), 1 otherwise
   */
  int run() throws InterruptedException {
    out.println("ModelAudit sandbox: the operator on this machine, no cluster, no AWS account");
    try (CloudWatchBackend cloudWatch = CloudWatchBackend.start(options.cloudWatch());
        SandboxApiServer api = SandboxApiServer.start(Clock.systemUTC())) {
      api.installCrd(CRD);
      api.installCrd(ACCOUNTS_CRD);
      api.ensureNamespace(NAMESPACE);
      out.println(
          "  Kubernetes API  "
              + api.kubectlUrl()
              + " (fabric8 mock API server, CRUD mode, CRD from "
              + CRD
              + ")");
      out.println("  CloudWatch      " + cloudWatch.description());
      Operator operator =
          ModelAuditOperator.create(
              api.client(), cloudWatch.gateways(), config(), Optional.empty(), Optional.empty());
      operator.start();
      try {
        out.println(
            "  Operator        running (ModelAuditOperator.create, as in production; resync every "
                + Ages.format(config().resyncInterval())
                + ")");
        Path kubeconfig = api.writeKubeconfig(options.dir().resolve("kubeconfig"), NAMESPACE);
        out.println("  kubeconfig      " + kubeconfig);
        logFile.ifPresent(log -> out.println("  operator log    " + log));
        out.println();
        out.println("  export KUBECONFIG=" + kubeconfig);
        out.println(
            "  kubectl get modelaudits        # or: kubectl --kubeconfig " + kubeconfig + " ...");
        out.println();
        return converge(api.client(), cloudWatch);
      } finally {
        operator.stop();
      }
    } finally {
      out.println("sandbox stopped");
    }
  }

  private int converge(KubernetesClient client, CloudWatchBackend cloudWatch)
      throws InterruptedException {
    List<HasMetadata> applied = applyExamples(client, cloudWatch);
    Instant deadline = Instant.now().plus(CONVERGE_TIMEOUT);
    boolean ready = false;
    while (!stopRequested() && Instant.now().isBefore(deadline)) {
      List<ModelAudit> audits = audits(client);
      printEvents(client);
      printTableIfChanged(audits, false);
      if (allReady(audits, applied)) {
        ready = true;
        break;
      }
      stop.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (stopRequested()) {
      return 0;
    }
    if (!ready) {
      out.println(
          "not every ModelAudit became Ready within " + Ages.format(CONVERGE_TIMEOUT) + ":");
      audits(client).forEach(a -> out.println("  " + describeConditions(a)));
      printTableIfChanged(audits(client), true);
      return 1;
    }
    out.println("every ModelAudit is Ready: CloudWatch matches the specs, status is written back");
    boolean repaired = true;
    if (options.drift()) {
      DriftDemo drift = new DriftDemo(cloudWatch.gateways(), out);
      repaired = drift.run(audits(client), CONVERGE_TIMEOUT, this::stopRequested);
      printEvents(client);
    }
    if (options.once()) {
      printTableIfChanged(audits(client), true);
      return repaired ? 0 : 1;
    }
    out.println();
    out.println(
        "watching ModelAudits; the table is printed again when status changes. Ctrl-C stops.");
    printTableIfChanged(audits(client), true);
    while (!stop.await(1, TimeUnit.SECONDS)) {
      printEvents(client);
      printTableIfChanged(audits(client), false);
    }
    return 0;
  }

  private List<HasMetadata> applyExamples(KubernetesClient client, CloudWatchBackend cloudWatch) {
    List<Path> files;
    try (Stream<Path> list = Files.list(EXAMPLES)) {
      files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + EXAMPLES, e);
    }
    List<HasMetadata> applied = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (HasMetadata item : client.load(in).items()) {
          // As kubectl apply leaves it, so that kubectl apply -f examples/ later just updates.
          Map<String, String> annotations = new LinkedHashMap<>();
          if (item.getMetadata().getAnnotations() != null) {
            annotations.putAll(item.getMetadata().getAnnotations());
          }
          annotations.put(LAST_APPLIED, Serialization.asJson(item).strip());
          item.getMetadata().setAnnotations(annotations);
          if ("ModelAudit".equals(item.getKind())) {
            // the archive's destinations exist in the team's account before the ModelAudit
            ModelAudit audit =
                Serialization.unmarshal(Serialization.asJson(item), ModelAudit.class);
            cloudWatch
                .createArchiveDestinations(audit)
                .forEach(
                    arn ->
                        out.println("created archive destination " + arn + " (as its team would)"));
          }
          HasMetadata created = client.resource(item).createOr(NonDeletingOperation::update);
          applied.add(created);
          out.println(
              "applied "
                  + file
                  + ": "
                  + created.getKind().toLowerCase(Locale.ROOT)
                  + " "
                  + created.getMetadata().getNamespace()
                  + "/"
                  + created.getMetadata().getName());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return applied;
  }

  private static List<ModelAudit> audits(KubernetesClient client) {
    return client.resources(ModelAudit.class).inAnyNamespace().list().getItems();
  }

  /** Ready for the current generation, for every applied ModelAudit. */
  static boolean allReady(List<ModelAudit> audits, List<HasMetadata> applied) {
    for (HasMetadata wanted : applied) {
      boolean ready =
          audits.stream()
              .filter(a -> a.getMetadata().getName().equals(wanted.getMetadata().getName()))
              .filter(
                  a -> a.getMetadata().getNamespace().equals(wanted.getMetadata().getNamespace()))
              .anyMatch(Sandbox::isReady);
      if (!ready) {
        return false;
      }
    }
    return true;
  }

  private static boolean isReady(ModelAudit audit) {
    return audit.getStatus() != null
        && audit.getMetadata().getGeneration() != null
        && audit.getMetadata().getGeneration().equals(audit.getStatus().getObservedGeneration())
        && Conditions.isTrue(audit.getStatus().getConditions(), Conditions.READY);
  }

  private static String describeConditions(ModelAudit audit) {
    String name = audit.getMetadata().getNamespace() + "/" + audit.getMetadata().getName();
    if (audit.getStatus() == null) {
      return name + ": no status yet";
    }
    StringBuilder text = new StringBuilder(name + ":");
    audit
        .getStatus()
        .getConditions()
        .forEach(
            c ->
                text.append(" ")
                    .append(c.getType())
                    .append("=")
                    .append(c.getStatus())
                    .append(" (")
                    .append(c.getReason())
                    .append(": ")
                    .append(c.getMessage())
                    .append(")"));
    return text.toString();
  }

  /** Prints the operator's events that were not printed yet, oldest first. */
  private void printEvents(KubernetesClient client) {
    for (Event event : client.v1().events().inAnyNamespace().list().getItems()) {
      if (!"ModelAudit".equals(event.getInvolvedObject().getKind())
          || !seenEvents.add(
              event.getMetadata().getNamespace() + "/" + event.getMetadata().getName())) {
        continue;
      }
      out.printf(
          "  event  %s/%s  %-7s %-9s %s%n",
          event.getInvolvedObject().getNamespace(),
          event.getInvolvedObject().getName(),
          event.getType(),
          event.getReason(),
          event.getMessage());
    }
  }

  private void printTableIfChanged(List<ModelAudit> audits, boolean always) {
    List<ModelAuditTable.Row> rows = ModelAuditTable.rows(audits, Instant.now());
    List<ModelAuditTable.Row> comparable =
        rows.stream().map(ModelAuditTable.Row::withoutAge).toList();
    if (!always && comparable.equals(lastRows)) {
      return;
    }
    lastRows = comparable;
    out.println();
    out.println("-- " + LocalTime.now().format(CLOCK) + " --");
    out.print(ModelAuditTable.render(rows));
    out.flush();
  }

  /** Sends logs to a file so that the console shows the table; errors still reach the console. */
  private static void logTo(Path file) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("modelaudit.sandbox.log", file.toString());
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      context.reset();
      try {
        configurator.doConfigure(Sandbox.class.getResource("/sandbox-logback.xml"));
      } catch (JoranException e) {
        throw new IllegalStateException("cannot configure logging", e);
      }
    }
  }
}
