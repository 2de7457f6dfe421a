package io.modelaudit.operator.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccount;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccountSpec;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.config.AccountMappingMode;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.status.StatusBuilder;
import io.modelaudit.operator.support.OperatorHarness;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * The scale benchmark: N ModelAudits (one log group, one stream, two metric filters, two alarms
 * each) applied to the operator running in JOSDK against the CRUD mock API server, with the
 * in-memory CloudWatch enforcing AWS's quotas. Time runs faster by a scale factor: every quota,
 * rate limit and period is multiplied (or divided) by it, and the report converts durations back to
 * real AWS time. Not a test; see docs for the command. Arguments: {@code --n 1000 --time-scale 10
 * --threads 50 --drift-percent 1}.
 */
public final class ScaleBenchmark {

  private static final String REGION = "us-east-1";
  private static final int NAMESPACES = 10;

  /** Held so that the JUL configuration is not garbage collected. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private static final String SPEC = Fixtures.specText("bench");

  /** The spec of one ModelAudit: its own metrics, since two ModelAudits may not share one. */
  private static String spec(int index) {
    return SPEC.replace(
        "namespace: AIModelAuditing,",
        "namespace: AIModelAuditing/" + namespace(index) + "/model-" + index + ",");
  }

  /** The mutating calls creating one ModelAudit of this shape needs, by operation. */
  private static final Map<String, Integer> NEEDED_PER_MODEL_AUDIT =
      Map.of(
          Operations.CREATE_LOG_GROUP, 1,
          Operations.PUT_RETENTION_POLICY, 1,
          Operations.CREATE_LOG_STREAM, 1,
          Operations.PUT_METRIC_FILTER, 2,
          Operations.PUT_METRIC_ALARM, 2);

  private record Options(
      int n,
      double timeScale,
      int threads,
      double driftPercent,
      boolean preconverged,
      int accounts) {

    static Options parse(String[] args) {
      Map<String, String> values = new TreeMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
      }
      return new Options(
          Integer.parseInt(values.getOrDefault("n", "1000")),
          Double.parseDouble(values.getOrDefault("time-scale", "10")),
          Integer.parseInt(values.getOrDefault("threads", "50")),
          Double.parseDouble(values.getOrDefault("drift-percent", "1")),
          Boolean.parseBoolean(values.getOrDefault("preconverged", "false")),
          Integer.parseInt(values.getOrDefault("accounts", "1")));
    }
  }

  /** JOSDK metrics hook: the duration of every reconcile. */
  private static final class ReconcileTimer implements Metrics {
    final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
      long start = System.nanoTime();
      try {
        return execution.execute();
      } finally {
        if ("reconcile".equals(execution.name())) {
          nanos.add(System.nanoTime() - start);
        }
      }
    }
  }

  private final Options options;
  private final PrintStream out;
  private final List<String> report = new ArrayList<>();

  private ScaleBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    quietLogs();
    new ScaleBenchmark(Options.parse(args), System.out).run();
    System.exit(0);
  }

  private void run() throws Exception {
    int n = options.n();
    double scale = options.timeScale();
    // what Main learns at start (the account the bench spec's SNS topic is of)
    OperatorConfig defaults = OperatorConfig.defaults().withAws(Fixtures.AWS);
    OperatorConfig config =
        defaults
            .withInventoryIntervals(
                scaled(defaults.driftCheckInterval()), scaled(defaults.alarmStateInterval()))
            .withResyncInterval(scaled(defaults.resyncInterval()))
            .withRetryDelays(scaled(defaults.retryInitialDelay()), scaled(defaults.retryMaxDelay()))
            .withReconcileThreads(options.threads())
            .withRateLimitsScaled(scale);
    if (options.accounts() > 1) {
      // each namespace's ModelAudits in one of the accounts, each account with its own quotas
      config = config.withAccountMapping(AccountMappingMode.REQUIRED);
    }
    InMemoryCloudWatch aws = new InMemoryCloudWatch();
    Map<String, Double> quotas = new TreeMap<>();
    Operations.QUOTAS.forEach((op, q) -> quotas.put(op, q * scale));
    ReconcileTimer timer = new ReconcileTimer();

    line("ModelAudit scale benchmark");
    line(
        "N=%d ModelAudits (1 group, 1 stream, 2 filters, 2 alarms each) in %d AWS account(s);"
            + " time scale %.0fx (every quota and rate limit x%.0f, every period /%.0f); %d"
            + " reconcile threads; %d cores",
        n,
        options.accounts(),
        scale,
        scale,
        scale,
        options.threads(),
        Runtime.getRuntime().availableProcessors());
    line(
        "drift check every %s, alarm states every %s, full read every %s (real time)",
        defaults.driftCheckInterval(), defaults.alarmStateInterval(), defaults.resyncInterval());

    if (options.preconverged()) {
      runPreconverged(config, defaults, aws, quotas, timer);
      writeReport();
      return;
    }
    aws.enforceQuotas(quotas);
    try (OperatorHarness harness = OperatorHarness.start(aws, config, timer)) {
      KubernetesClient client = harness.client();
      mapAccounts(client);

      // ---- creation ----
      aws.resetCalls();
      long start = System.nanoTime();
      createAll(client, n);
      long applied = System.nanoTime();
      Duration boundReal = quotaBound(n);
      Duration timeout = scaledDown(boundReal.multipliedBy(5)).plusMinutes(3);
      boolean allReady =
          waitUntil(
              timeout, Duration.ofMillis(Math.max(500, n / 2)), () -> readyCount(client) == n);
      long ready = System.nanoTime();
      Map<String, Integer> creationCalls = aws.calls();
      Map<String, Integer> creationThrottles = aws.throttledCalls();
      Duration toReady = Duration.ofNanos(ready - start);
      List<Long> creationLatencies = new ArrayList<>(timer.nanos);

      section("Creation");
      line(
          "applied %d ModelAudits in %s; all Ready: %s after %s (%s in real AWS time)",
          n,
          show(Duration.ofNanos(applied - start)),
          allReady ? "yes" : "NO (timed out, " + readyCount(client) + " Ready)",
          show(toReady),
          show(realTime(toReady)));
      line(
          "quota bound (mutating calls needed / quota, largest): %s; time to Ready / bound = %.2f"
              + " (target <= 1.25)",
          show(boundReal), seconds(realTime(toReady)) / seconds(boundReal));
      printBoundTable(n);
      line(
          "the operator's own bound (all calls it made / quota, largest): %s",
          show(ownBound(creationCalls)));
      printCalls("AWS calls during creation", creationCalls, n);
      line("throttling errors returned to the operator: %s", creationThrottles);
      printStatusHealth(client);
      printLatency("reconcile latency during creation", creationLatencies);

      steadyMemoryAndDrift(aws, config, defaults, timer, n);
    }
    writeReport();
  }

  /** The phases after convergence: one quiet drift-check period, memory, one with drift. */
  private void steadyMemoryAndDrift(
      InMemoryCloudWatch aws,
      OperatorConfig config,
      OperatorConfig defaults,
      ReconcileTimer timer,
      int n)
      throws InterruptedException {
    // ---- steady state ----
    Duration period = config.driftCheckInterval();
    sleep(period); // let post-creation work and the first drift checks settle
    aws.resetCalls();
    sleep(period);
    Map<String, Integer> steady = aws.calls();
    section("Steady state: one drift-check period (" + defaults.driftCheckInterval() + ")");
    printCalls("AWS calls", steady, n);
    int mutating = mutating(steady);
    int reads = total(steady) - mutating;
    int perMinute =
        (int) Math.round(reads / (double) defaults.driftCheckInterval().toSeconds() * 60);
    line(
        "mutating calls: %d (target 0); reads: %d in the period, %d per minute on average"
            + " (target <= N/25 + 10 = %d)",
        mutating, reads, perMinute, n / 25 + 10);
    line(
        "that period holds %d alarm-state passes and one drift check; the rolling full read costs"
            + " about %.1f ModelAudits x 7 reads per period on average (%s)",
        defaults.driftCheckInterval().toSeconds() / defaults.alarmStateInterval().toSeconds(),
        (double) n
            * defaults.driftCheckInterval().toMillis()
            / defaults.resyncInterval().toMillis(),
        options.preconverged()
            ? "included above: after a restart each ModelAudit falls due at a stable phase"
            : "not above: every ModelAudit was read in full at creation, none is due yet");

    // ---- memory ----
    section("Memory after convergence (benchmark JVM: operator + mock API server + fake)");
    printMemory();

    // ---- drift ----
    int drifted = Math.max(1, (int) Math.round(n * options.driftPercent() / 100));
    aws.resetCalls();
    timer.nanos.clear();
    long driftStart = System.nanoTime();
    List<Runnable> checks = injectDrift(aws, n, drifted);
    boolean repaired =
        waitUntil(
            scaled(defaults.driftCheckInterval()).multipliedBy(4),
            Duration.ofMillis(100),
            () -> checks.stream().allMatch(ScaleBenchmark::passes));
    Duration toRepair = Duration.ofNanos(System.nanoTime() - driftStart);
    if (toRepair.compareTo(period) < 0) {
      sleep(period.minus(toRepair));
    }
    Map<String, Integer> driftCalls = aws.calls();
    section(
        "A drift-check period in which "
            + drifted
            + " ModelAudits ("
            + options.driftPercent()
            + "%) drifted: deleted alarm, changed retention, modified filter in turn");
    line(
        "all repaired: %s, %s after the change (%s real)",
        repaired ? "yes" : "NO", show(toRepair), show(realTime(toRepair)));
    printCalls("AWS calls", driftCalls, n);
    line(
        "mutating calls: %d; throttling errors: %d",
        mutating(driftCalls), aws.throttledCallCount());
    printLatency("reconcile latency of the repairs", new ArrayList<>(timer.nanos));
  }

  /**
   * N ModelAudits that were converged before the operator started: AWS holds their resources, the
   * API server their Ready status and finalizer. Measures what a restart costs and then the steady
   * state, memory and drift, without the creation phase (whose API traffic the CRUD mock server
   * cannot serve fast at this N: it scans every stored object on each request).
   */
  private void runPreconverged(
      OperatorConfig config,
      OperatorConfig defaults,
      InMemoryCloudWatch aws,
      Map<String, Double> quotas,
      ReconcileTimer timer)
      throws Exception {
    int n = options.n();
    try (OperatorHarness harness = OperatorHarness.createStopped(aws, config, timer)) {
      KubernetesClient client = harness.client();
      long seedStart = System.nanoTime();
      seed(client, aws, config, n);
      section("Seeding (not measured against AWS quotas)");
      line(
          "%d converged ModelAudits seeded into AWS and the API server in %s",
          n, show(Duration.ofNanos(System.nanoTime() - seedStart)));
      aws.enforceQuotas(quotas);
      aws.resetCalls();
      long start = System.nanoTime();
      harness.startOperator();
      Duration period = config.driftCheckInterval();
      sleep(period.plus(config.alarmStateInterval()));
      section(
          "Operator start with "
              + n
              + " settled ModelAudits: the first drift-check period ("
              + show(realTime(Duration.ofNanos(System.nanoTime() - start)))
              + " real)");
      Map<String, Integer> startCalls = aws.calls();
      printCalls("AWS calls", startCalls, n);
      line(
          "mutating calls: %d; throttling errors: %d",
          mutating(startCalls), aws.throttledCallCount());
      printStatusHealth(client);
      printLatency("reconcile latency at start", new ArrayList<>(timer.nanos));
      timer.nanos.clear();
      steadyMemoryAndDrift(aws, config, defaults, timer, n);
    }
  }

  /**
   * Puts N converged ModelAudits in AWS and in the API server, as a previous operator left them.
   */
  private static void seed(
      KubernetesClient client, InMemoryCloudWatch aws, OperatorConfig config, int n)
      throws Exception {
    var gateway = aws.forRegion(REGION);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  ModelAudit audit =
                      Fixtures.resource(namespace(index), "model-" + index, spec(index));
                  audit.getMetadata().setFinalizers(List.of("modelaudit.io/cleanup"));
                  var desired =
                      io.modelaudit.operator.audit.DesiredStateBuilder.build(
                          audit.getMetadata().getNamespace(),
                          audit.getMetadata().getName(),
                          audit.getSpec(),
                          config);
                  gateway.createLogGroup(desired.of(LogGroupPart.PART).config(), desired.tags());
                  gateway.putRetentionPolicy(
                      desired.logGroupName(),
                      desired.of(LogGroupPart.PART).config().retentionInDays());
                  desired
                      .of(LogStreamsPart.PART)
                      .forEach(st -> gateway.createLogStream(desired.logGroupName(), st));
                  desired.of(MetricFiltersPart.PART).forEach(gateway::putMetricFilter);
                  desired
                      .of(AlarmsPart.PART)
                      .forEach(al -> gateway.putMetricAlarm(al.config(), desired.tags()));
                  ModelAudit created = client.resource(audit).create();
                  created.setStatus(convergedStatus(aws, desired));
                  client.resource(created).updateStatus();
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static io.modelaudit.operator.api.v1alpha1.ModelAuditStatus convergedStatus(
      InMemoryCloudWatch aws, io.modelaudit.operator.part.DesiredState desired) {
    List<io.modelaudit.operator.api.v1alpha1.AlarmStatus> alarms = new ArrayList<>();
    for (var alarm : desired.of(AlarmsPart.PART)) {
      var observed = aws.alarm(REGION, alarm.alarmName()).orElseThrow();
      alarms.add(
          new io.modelaudit.operator.api.v1alpha1.AlarmStatus(
              alarm.specName(),
              alarm.alarmName(),
              observed.arn(),
              observed.state(),
              observed.stateReason(),
              observed.stateUpdatedAt().toString()));
    }
    var group = aws.logGroup(REGION, desired.logGroupName()).orElseThrow();
    var parts =
        io.modelaudit.operator.support.PartsStatus.of(
            desired.region(),
            new io.modelaudit.operator.api.v1alpha1.LogGroupStatus(
                group.name(), group.arn(), group.config().retentionInDays()),
            desired.of(LogStreamsPart.PART),
            desired.of(MetricFiltersPart.PART).stream()
                .map(
                    f ->
                        new io.modelaudit.operator.api.v1alpha1.MetricFilterStatus(
                            f.filterName(), f.metricNamespace(), f.metricName()))
                .toList(),
            alarms);
    return StatusBuilder.next(
        null,
        1L,
        io.modelaudit.operator.status.Outcome.synced(
            String.format(
                "log group %s with %d stream(s), %d metric filter(s) and %d alarm(s) in sync in"
                    + " %s",
                desired.logGroupName(),
                desired.of(LogStreamsPart.PART).size(),
                desired.of(MetricFiltersPart.PART).size(),
                desired.of(AlarmsPart.PART).size(),
                desired.region())),
        parts,
        true,
        "2026-01-01T00:00:00Z");
  }

  // ---- creation ----

  private static void createAll(KubernetesClient client, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () ->
                    client
                        .resource(
                            Fixtures.resource(namespace(index), "model-" + index, spec(index)))
                        .create()));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static String namespace(int index) {
    return "bench-" + (index % NAMESPACES);
  }

  private static int readyCount(KubernetesClient client) {
    return (int)
        client.resources(ModelAudit.class).inAnyNamespace().list().getItems().stream()
            .filter(
                r ->
                    StatusBuilder.isReadyFor(
                        r.getStatus(),
                        r.getMetadata().getGeneration() == null
                            ? 0
                            : r.getMetadata().getGeneration()))
            .count();
  }

  /**
   * With --accounts K above 1: K ModelAuditAccounts, namespace bench-i in account i mod K. The
   * in-memory fake keeps one store but counts its quotas per account, as AWS does.
   */
  private void mapAccounts(KubernetesClient client) {
    for (int k = 0; k < options.accounts() && options.accounts() > 1; k++) {
      ModelAuditAccount account = new ModelAuditAccount();
      account.getMetadata().setName("bench-account-" + k);
      ModelAuditAccountSpec spec = new ModelAuditAccountSpec();
      spec.setRoleArn("arn:aws:iam::" + (100000000000L + k) + ":role/modelaudit-bench");
      List<String> namespaces = new ArrayList<>();
      for (int i = k; i < NAMESPACES; i += options.accounts()) {
        namespaces.add("bench-" + i);
      }
      spec.setNamespaces(namespaces);
      account.setSpec(spec);
      client.resource(account).create();
    }
  }

  /** The quota bound: the slowest operation's need over its quota, per account (split evenly). */
  private Duration quotaBound(int n) {
    double worst = 0;
    // the busiest account: the most namespaces any account has, each with its share of N
    int accounts = Math.min(options.accounts(), NAMESPACES);
    double perAccount =
        Math.ceil((double) n / NAMESPACES) * Math.ceil((double) NAMESPACES / accounts);
    for (Map.Entry<String, Integer> need : NEEDED_PER_MODEL_AUDIT.entrySet()) {
      worst = Math.max(worst, need.getValue() * perAccount / Operations.QUOTAS.get(need.getKey()));
    }
    return Duration.ofMillis(Math.round(worst * 1000));
  }

  private void printBoundTable(int n) {
    for (Map.Entry<String, Integer> need : new TreeMap<>(NEEDED_PER_MODEL_AUDIT).entrySet()) {
      double quota = Operations.QUOTAS.get(need.getKey());
      line(
          "  %-22s needs %6d calls at %4.0f/s = %s",
          need.getKey(),
          need.getValue() * n,
          quota,
          show(Duration.ofMillis(Math.round(need.getValue() * n / quota * 1000))));
    }
  }

  /**
   * The slowest operation given every call the operator made; ListTagsForResource and the other tag
   * calls are counted against one service's quota although two services share the name.
   */
  private static Duration ownBound(Map<String, Integer> calls) {
    double worst = 0;
    for (Map.Entry<String, Integer> call : calls.entrySet()) {
      worst = Math.max(worst, call.getValue() / Operations.QUOTAS.get(call.getKey()));
    }
    return Duration.ofMillis(Math.round(worst * 1000));
  }

  private void printStatusHealth(KubernetesClient client) {
    List<ModelAudit> all = client.resources(ModelAudit.class).inAnyNamespace().list().getItems();
    long stalled =
        all.stream()
            .filter(r -> r.getStatus() != null)
            .filter(r -> Conditions.isTrue(r.getStatus().getConditions(), Conditions.STALLED))
            .count();
    long throttledInStatus =
        all.stream()
            .filter(r -> r.getStatus() != null)
            .flatMap(r -> r.getStatus().getConditions().stream())
            .map(Condition::getMessage)
            .filter(m -> m != null && m.toLowerCase(Locale.ROOT).contains("throttl"))
            .count();
    long transient_ =
        all.stream()
            .filter(r -> r.getStatus() != null)
            .flatMap(r -> r.getStatus().getConditions().stream())
            .filter(
                c ->
                    io.modelaudit.operator.status.ConditionReason.TransientError.name()
                        .equals(c.getReason()))
            .count();
    line(
        "Stalled: %d; conditions mentioning throttling: %d; TransientError conditions: %d",
        stalled, throttledInStatus, transient_);
  }

  // ---- drift ----

  /** Changes every (n / drifted)-th ModelAudit out of band; returns a check per change. */
  private static List<Runnable> injectDrift(InMemoryCloudWatch aws, int n, int drifted) {
    List<Runnable> checks = new ArrayList<>();
    int step = Math.max(1, n / drifted);
    for (int k = 0; k < drifted; k++) {
      int index = k * step;
      String ns = namespace(index);
      String name = "model-" + index;
      String group = "/modelaudit/" + ns + "/" + name;
      String alarm = "modelaudit-" + ns + "/" + name + "/too-many-errors";
      switch (k % 3) {
        case 0 -> {
          aws.deleteAlarmOutOfBand(REGION, alarm);
          checks.add(() -> require(aws.alarm(REGION, alarm).isPresent()));
        }
        case 1 -> {
          aws.setRetentionOutOfBand(REGION, group, 365);
          checks.add(
              () ->
                  require(
                      Integer.valueOf(7)
                          .equals(
                              aws.logGroup(REGION, group)
                                  .orElseThrow()
                                  .config()
                                  .retentionInDays())));
        }
        default -> {
          MetricFilterConfig original = aws.metricFilters(REGION, group).get(0);
          aws.putMetricFilterOutOfBand(
              REGION,
              new MetricFilterConfig(
                  group,
                  original.filterName(),
                  "tampered",
                  original.metricNamespace(),
                  original.metricName(),
                  original.metricValue(),
                  original.defaultValue(),
                  original.unit(),
                  original.dimensions()));
          checks.add(() -> require(aws.metricFilters(REGION, group).get(0).equals(original)));
        }
      }
    }
    return checks;
  }

  private static void require(boolean condition) {
    if (!condition) {
      throw new IllegalStateException("not yet");
    }
  }

  private static boolean passes(Runnable check) {
    try {
      check.run();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  // ---- reporting ----

  private void printCalls(String title, Map<String, Integer> calls, int n) {
    line("%s (total %d, of which mutating %d):", title, total(calls), mutating(calls));
    for (Map.Entry<String, Integer> call : new TreeMap<>(calls).entrySet()) {
      line(
          "  %-30s %7d  (%.2f per ModelAudit)%s",
          call.getKey(),
          call.getValue(),
          (double) call.getValue() / n,
          InMemoryCloudWatch.MUTATING_OPERATIONS.contains(call.getKey()) ? "  write" : "");
    }
  }

  private static int total(Map<String, Integer> calls) {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static int mutating(Map<String, Integer> calls) {
    return calls.entrySet().stream()
        .filter(e -> InMemoryCloudWatch.MUTATING_OPERATIONS.contains(e.getKey()))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  private void printLatency(String title, List<Long> nanos) {
    if (nanos.isEmpty()) {
      line("%s: no reconcile", title);
      return;
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    line(
        "%s (%d reconciles, wall time of this run, rate-limit waits included): p50 %s, p99 %s,"
            + " max %s",
        title,
        sorted.length,
        showMillis(percentile(sorted, 50)),
        showMillis(percentile(sorted, 99)),
        showMillis(sorted[sorted.length - 1]));
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private void printMemory() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    line(
        "heap used after full GC: %.1f MiB (target <= 256 MiB at N=1000); process RSS: %s",
        heap / 1048576.0, rss());
  }

  private static String rss() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .map(l -> String.format("%.1f MiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0))
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private void section(String title) {
    line("");
    line("== " + title);
  }

  private void line(String format, Object... args) {
    String text = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
    report.add(text);
    out.println(text);
    out.flush();
  }

  private void writeReport() throws IOException {
    Path file = Path.of("target", "scale-benchmark-n" + options.n() + ".txt");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
    out.println("report written to " + file);
  }

  // ---- time ----

  private Duration scaled(Duration real) {
    return Duration.ofNanos(Math.max(1_000_000L, Math.round(real.toNanos() / options.timeScale())));
  }

  private Duration scaledDown(Duration real) {
    return scaled(real);
  }

  private Duration realTime(Duration measured) {
    return Duration.ofNanos(Math.round(measured.toNanos() * options.timeScale()));
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static String show(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", seconds(d));
  }

  private static String showMillis(long nanos) {
    return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
  }

  private static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(Math.max(0, d.toMillis()));
  }

  private static boolean waitUntil(Duration timeout, Duration poll, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(poll.toMillis());
    }
    return condition.getAsBoolean();
  }

  private static void quietLogs() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger("io.modelaudit").setLevel(Level.WARN);
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    Arrays.stream(java.util.logging.LogManager.getLogManager().getLogger("").getHandlers())
        .forEach(h -> h.setLevel(java.util.logging.Level.WARNING));
  }
}
