package io.modelaudit.operator.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccount;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccountSpec;
import io.modelaudit.operator.audit.DesiredStateBuilder;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.config.AccountMappingMode;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.status.ConditionReason;
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
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * The scale benchmark: N ModelAudits of one shape applied at once to the operator running in JOSDK
 * against a stand-in API server, with AWS played by the in-memory fake (AWS's quotas enforced; time
 * runs faster by a scale factor: every quota and rate limit is multiplied by it and every period
 * divided by it, and the report converts durations back to real AWS time) or by moto through the
 * production AWS SDK adapter (real time, the default rate limits). It prints what creation cost
 * against the quota bound, the reads after it and in steady state, how fast an alarm state change
 * reaches status, how fast drift is repaired, and the heap. Not a test; see docs/performance.md.
 */
public final class ScaleBenchmark {

  private static final String REGION = "us-east-1";
  private static final int NAMESPACES = 10;

  /** Held so that the JUL configuration is not garbage collected. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  /** Command-line options; see docs/performance.md. */
  record Options(
      int n,
      String aws,
      String spec,
      double timeScale,
      int threads,
      double driftPercent,
      int latencySamples,
      PushMode push,
      java.util.Set<String> phases,
      int accounts) {

    /** Every phase after creation, in the order they run. */
    static final List<String> PHASES = List.of("after", "steady", "latency", "drift", "memory");

    static Options parse(String[] args) {
      Map<String, String> values = new TreeMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
      }
      String aws = values.getOrDefault("aws", "fake");
      if (!aws.equals("fake") && !aws.equals("moto")) {
        throw new IllegalArgumentException("--aws must be fake or moto, not " + aws);
      }
      double scale = Double.parseDouble(values.getOrDefault("time-scale", "10"));
      if (aws.equals("moto") && scale != 1) {
        throw new IllegalArgumentException(
            "--aws moto runs in real time at the default rate limits: --time-scale must be 1");
      }
      int accounts = Integer.parseInt(values.getOrDefault("accounts", "1"));
      if (aws.equals("moto") && accounts != 1) {
        throw new IllegalArgumentException("--accounts above 1 runs only against --aws fake");
      }
      return new Options(
          Integer.parseInt(values.getOrDefault("n", "1000")),
          aws,
          values.getOrDefault("spec", "bench"),
          scale,
          Integer.parseInt(values.getOrDefault("threads", "50")),
          Double.parseDouble(values.getOrDefault("drift-percent", "1")),
          Integer.parseInt(values.getOrDefault("latency-samples", "100")),
          pushMode(values.getOrDefault("push", "off")),
          phases(values.getOrDefault("phases", String.join(",", PHASES))),
          accounts);
    }

    private static PushMode pushMode(String text) {
      for (PushMode mode : PushMode.values()) {
        if (mode.text().equals(text)) {
          return mode;
        }
      }
      throw new IllegalArgumentException("--push must be off, alarms or all, not " + text);
    }

    private static java.util.Set<String> phases(String text) {
      java.util.Set<String> phases = new java.util.LinkedHashSet<>();
      for (String phase : text.split(",")) {
        if (!phase.isBlank() && !PHASES.contains(phase.trim())) {
          throw new IllegalArgumentException(
              "--phases takes a comma-separated subset of " + PHASES + ", not " + phase);
        }
        if (!phase.isBlank()) {
          phases.add(phase.trim());
        }
      }
      return phases;
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
  private final String spec;
  private final PrintStream out;
  private final List<String> report = new ArrayList<>();

  private ScaleBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.spec = Fixtures.specText(options.spec());
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
            .withRateLimitsScaled(scale)
            .withPushEvents(options.push())
            .withSafetyNet(
                scaled(defaults.safetyNetInterval()),
                (int) Math.round(defaults.safetyNetReads() * scale));
    if (options.accounts() > 1) {
      // each namespace's ModelAudits in one of the accounts, each account with its own quotas
      config =
          config
              .withAccountMapping(AccountMappingMode.REQUIRED)
              // the bench spec's alarm action is one topic of the operator's own account, which a
              // mapped account's default rule ({account}: the role's account) would refuse
              .withAllowedActionArnPatterns(
                  List.of("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[^:]+$"));
    }
    DesiredState shape = desired(0, defaults);
    ReconcileTimer timer = new ReconcileTimer();

    try (BenchAws aws =
            options.aws().equals("moto")
                ? new BenchAws.Moto(options.push())
                : new BenchAws.Fake(scale, options.push());
        OperatorHarness harness =
            OperatorHarness.start(
                aws.operatorGateways(),
                aws.operatorEvents(),
                config,
                timer,
                new IndexedCrudDispatcher())) {
      line("ModelAudit scale benchmark");
      line(
          "N=%d ModelAudits of the '%s' shape (%d stream(s), %d metric filter(s), %d alarm(s)"
              + " each); %d reconcile threads; %d cores",
          n,
          options.spec(),
          shape.of(LogStreamsPart.PART).size(),
          shape.of(MetricFiltersPart.PART).size(),
          shape.of(AlarmsPart.PART).size(),
          options.threads(),
          Runtime.getRuntime().availableProcessors());
      line("AWS: %s", aws.describe());
      line(
          "time scale %.0fx (every quota and rate limit x%.0f, every period /%.0f; durations below"
              + " are converted back to real AWS time unless marked wall)",
          scale, scale, scale);
      line(
          "drift check every %s, alarm states every %s, full read every %s (real time); push"
              + " events %s%s",
          defaults.driftCheckInterval(),
          defaults.alarmStateInterval(),
          defaults.resyncInterval(),
          options.push().text(),
          options.push().isOn()
              ? " (safety net every "
                  + defaults.safetyNetInterval()
                  + ", "
                  + defaults.safetyNetReads()
                  + " read(s) a minute)"
              : "");
      KubernetesClient client = harness.client();
      mapAccounts(client);
      StatusWatch watch = new StatusWatch(client);
      try {
        creation(aws, client, watch, timer, shape, n);
        if (options.phases().contains("after")) {
          afterCreation(aws, config, n);
        }
        if (options.phases().contains("steady")) {
          steadyState(aws, config, defaults, n);
        }
        if (options.phases().contains("latency")) {
          alarmStateLatency(aws, watch, config, n);
        }
        if (options.phases().contains("drift")) {
          drift(aws, timer, config, defaults, n);
        }
        if (options.phases().contains("memory")) {
          memory(harness);
        }
      } finally {
        watch.close();
      }
    }
    writeReport();
  }

  // ---- phases ----

  private void creation(
      BenchAws aws,
      KubernetesClient client,
      StatusWatch watch,
      ReconcileTimer timer,
      DesiredState shape,
      int n)
      throws Exception {
    aws.resetCalls();
    long start = System.nanoTime();
    createAll(client, n);
    long applied = System.nanoTime();
    Map<String, Integer> needed = neededWrites(shape);
    Duration bound = quotaBound(needed, n);
    Duration timeout = scaled(bound.multipliedBy(5)).plusMinutes(3);
    boolean allReady = waitUntil(timeout, Duration.ofMillis(200), () -> watch.readyCount() == n);
    long ready = System.nanoTime();
    Map<String, Integer> calls = aws.calls();
    Duration toReady = realTime(Duration.ofNanos(ready - start));

    section("Creation");
    line(
        "applied %d ModelAudits in %s wall; all Ready: %s after %s",
        n,
        show(Duration.ofNanos(applied - start)),
        allReady ? "yes" : "NO (timed out, " + watch.readyCount() + " Ready)",
        show(toReady));
    line(
        "quota bound (writes creation cannot avoid / AWS's quota, the slowest operation): %s;"
            + " time to Ready / bound = %.3f (target <= 1.1)",
        show(bound), seconds(toReady) / seconds(bound));
    for (Map.Entry<String, Integer> need : new TreeMap<>(needed).entrySet()) {
      double quota = Operations.QUOTAS.get(need.getKey());
      line(
          "  %-22s needs %6d calls at %4.0f/s = %s",
          need.getKey(),
          need.getValue() * n,
          quota,
          show(Duration.ofMillis(Math.round(need.getValue() * n / quota * 1000))));
    }
    printCalls("AWS calls during creation", calls, n);
    line("reads per ModelAudit created: %.2f", (double) reads(calls) / n);
    line("throttling errors returned to the operator: %s", aws.throttled());
    printStatusHealth(watch.all());
    printLatency("reconcile latency during creation (wall)", new ArrayList<>(timer.nanos));
    timer.nanos.clear();
  }

  /** The two alarm-state periods right after the last ModelAudit became Ready. */
  private void afterCreation(BenchAws aws, OperatorConfig config, int n)
      throws InterruptedException {
    aws.resetCalls();
    sleep(config.alarmStateInterval().multipliedBy(2));
    Map<String, Integer> calls = aws.calls();
    section(
        "The two alarm-state periods after the last ModelAudit became Ready ("
            + show(realTime(config.alarmStateInterval().multipliedBy(2)))
            + ")");
    printCalls("AWS calls", calls, n);
  }

  private void steadyState(BenchAws aws, OperatorConfig config, OperatorConfig defaults, int n)
      throws InterruptedException {
    Duration period = config.driftCheckInterval();
    sleep(period); // let the first drift checks after creation pass
    int periods = 3;
    aws.resetCalls();
    sleep(period.multipliedBy(periods));
    Map<String, Integer> calls = aws.calls();
    section(
        "Steady state: "
            + periods
            + " drift-check periods ("
            + show(realTime(period.multipliedBy(periods)))
            + ")");
    Map<String, Integer> pushCalls = aws.eventCalls();
    printCalls("CloudWatch and CloudWatch Logs calls", calls, n);
    double perPeriod = (double) reads(calls) / periods;
    line(
        "writes: %d (target 0); CloudWatch and Logs reads: %.0f per 5 minutes (%.1f per minute)",
        writes(calls),
        perPeriod * Duration.ofMinutes(5).toMillis() / defaults.driftCheckInterval().toMillis(),
        perPeriod * Duration.ofMinutes(1).toMillis() / defaults.driftCheckInterval().toMillis());
    if (options.push().isOn()) {
      int receives = pushCalls.getOrDefault(Operations.RECEIVE_MESSAGE, 0);
      int other = pushCalls.values().stream().mapToInt(Integer::intValue).sum() - receives;
      line(
          "push machinery (EventBridge, SQS): %s; per 5 minutes %.1f ReceiveMessage long polls"
              + " (one per %d s of wall time here; at the production 20 s, 15 per 5 minutes)"
              + " and %.1f other calls",
          new TreeMap<>(pushCalls),
          receives / (double) periods,
          Math.max(1, Math.min(20, config.alarmStateInterval().toSeconds())),
          other / (double) periods);
    }
  }

  /**
   * Alarm state changes made in AWS at random instants over two alarm-state periods, each timed
   * until status shows it.
   */
  private void alarmStateLatency(BenchAws aws, StatusWatch watch, OperatorConfig config, int n)
      throws InterruptedException {
    int samples = Math.min(options.latencySamples(), n);
    Random random = new Random(42);
    long window = config.alarmStateInterval().multipliedBy(2).toNanos();
    long[] at = new long[samples];
    for (int i = 0; i < samples; i++) {
      at[i] = (long) (random.nextDouble() * window);
    }
    Arrays.sort(at);
    long start = System.nanoTime();
    int step = Math.max(1, n / samples);
    for (int i = 0; i < samples; i++) {
      long wait = start + at[i] - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      int index = i * step;
      DesiredState desired = desired(index, config);
      String alarm = desired.of(AlarmsPart.PART).get(0).alarmName();
      String reason = "bench sample " + i;
      watch.expect(key(index), reason);
      aws.setAlarmState(REGION, alarm, "ALARM", reason);
    }
    waitUntil(scaled(Duration.ofMinutes(10)), Duration.ofMillis(50), () -> watch.pending() == 0);
    List<Long> latencies = watch.latencies();
    section("Alarm state: " + samples + " changes in AWS, each timed until status shows it");
    if (latencies.size() < samples) {
      line("NOT all seen: %d of %d", latencies.size(), samples);
    }
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length > 0 && options.push().isOn()) {
      // a pushed event is handled as it arrives: nothing here runs on a scaled period
      line(
          "latency p50 %s, p99 %s, max %s (wall time, which push does not scale), from the change"
              + " in AWS to the status",
          showMillis(percentile(sorted, 50)),
          showMillis(percentile(sorted, 99)),
          showMillis(sorted[sorted.length - 1]));
    } else if (sorted.length > 0) {
      line(
          "latency p50 %s, p99 %s, max %s in real AWS time (wall x%.0f: the wait for the next"
              + " listing dominates; wall %s / %s)",
          show(realTime(Duration.ofNanos(percentile(sorted, 50)))),
          show(realTime(Duration.ofNanos(percentile(sorted, 99)))),
          show(realTime(Duration.ofNanos(sorted[sorted.length - 1]))),
          options.timeScale(),
          showMillis(percentile(sorted, 50)),
          showMillis(percentile(sorted, 99)));
    }
  }

  private void drift(
      BenchAws aws, ReconcileTimer timer, OperatorConfig config, OperatorConfig defaults, int n)
      throws InterruptedException {
    int drifted = Math.max(1, (int) Math.round(n * options.driftPercent() / 100));
    aws.resetCalls();
    timer.nanos.clear();
    long start = System.nanoTime();
    List<BooleanSupplier> repaired = injectDrift(aws, config, n, drifted);
    boolean all =
        waitUntil(
            config.driftCheckInterval().multipliedBy(4),
            Duration.ofMillis(100),
            () -> repaired.stream().allMatch(BooleanSupplier::getAsBoolean));
    Duration toRepair = Duration.ofNanos(System.nanoTime() - start);
    Map<String, Integer> calls = aws.calls();
    section(
        "Drift: "
            + drifted
            + " ModelAudits ("
            + options.driftPercent()
            + "%) changed in AWS: deleted alarm, changed retention, changed filter in turn");
    line(
        "all repaired: %s, %s wall after the change (%s in real AWS time where a scaled period"
            + " found it)",
        all ? "yes" : "NO", showMillis(toRepair.toNanos()), show(realTime(toRepair)));
    printCalls("AWS calls until then", calls, n);
    printLatency("reconcile latency of the repairs (wall)", new ArrayList<>(timer.nanos));
  }

  private void memory(OperatorHarness harness) throws InterruptedException {
    section("Memory (the benchmark JVM: operator, stand-in API server and AWS together)");
    long all = heapAfterGc();
    harness.stopOperator();
    long without = heapAfterGc();
    line(
        "heap after full GC: %.1f MiB; after stopping the operator: %.1f MiB, so the operator"
            + " held %.1f MiB (target: heap <= 512 MiB at N=10000); process RSS %s",
        mib(all), mib(without), mib(all - without), rss());
  }

  // ---- the workload ----

  private void createAll(KubernetesClient client, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> client.resource(resource(index)).create()));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** One ModelAudit of the shape, publishing metrics of its own (two may not share one). */
  private ModelAudit resource(int index) {
    return Fixtures.withOwnMetrics(Fixtures.resource(namespace(index), "model-" + index, spec));
  }

  private DesiredState desired(int index, OperatorConfig config) {
    ModelAudit audit = resource(index);
    return DesiredStateBuilder.build(
        audit.getMetadata().getNamespace(), audit.getMetadata().getName(), audit.getSpec(), config);
  }

  private static String namespace(int index) {
    return "bench-" + (index % NAMESPACES);
  }

  private static String key(int index) {
    return namespace(index) + "/model-" + index;
  }

  /** Changes every (n / drifted)-th ModelAudit out of band; returns a check per change. */
  private List<BooleanSupplier> injectDrift(
      BenchAws aws, OperatorConfig config, int n, int drifted) {
    CloudWatchGateway gateway = aws.outOfBand(REGION);
    List<BooleanSupplier> checks = new ArrayList<>();
    int step = Math.max(1, n / drifted);
    for (int k = 0; k < drifted; k++) {
      DesiredState desired = desired(k * step, config);
      String group = desired.logGroupName();
      switch (k % 3) {
        case 0 -> {
          String alarm = desired.of(AlarmsPart.PART).get(0).alarmName();
          aws.deleteAlarm(REGION, alarm);
          checks.add(() -> !gateway.describeAlarms(List.of(alarm)).isEmpty());
        }
        case 1 -> {
          aws.setRetention(REGION, group, 365);
          checks.add(
              () ->
                  gateway
                      .describeLogGroup(group)
                      .map(ObservedLogGroup::config)
                      .map(c -> Objects.equals(c.retentionInDays(), 7))
                      .orElse(false));
        }
        default -> {
          MetricFilterConfig original = desired.of(MetricFiltersPart.PART).get(0);
          aws.putMetricFilter(
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
          checks.add(
              () ->
                  gateway.describeMetricFilters(group).stream()
                      .filter(f -> f.filterName().equals(original.filterName()))
                      .allMatch(f -> MetricFiltersPart.same(f, original)));
        }
      }
    }
    return checks;
  }

  // ---- reporting ----

  /** The writes creating one ModelAudit of the shape needs, by operation. */
  private static Map<String, Integer> neededWrites(DesiredState shape) {
    Map<String, Integer> needed = new TreeMap<>();
    needed.put(Operations.CREATE_LOG_GROUP, 1);
    if (shape.of(io.modelaudit.operator.part.loggroup.LogGroupPart.PART).retentionSet()) {
      needed.put(Operations.PUT_RETENTION_POLICY, 1);
    }
    needed.put(Operations.CREATE_LOG_STREAM, shape.of(LogStreamsPart.PART).size());
    needed.put(Operations.PUT_METRIC_FILTER, shape.of(MetricFiltersPart.PART).size());
    needed.put(Operations.PUT_METRIC_ALARM, shape.of(AlarmsPart.PART).size());
    needed.values().removeIf(v -> v == 0);
    return needed;
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
  private Duration quotaBound(Map<String, Integer> needed, int n) {
    // the busiest account: the most namespaces any account has, each with its share of N
    int accounts = Math.min(options.accounts(), NAMESPACES);
    double perAccount =
        accounts == 1
            ? n
            : Math.ceil((double) n / NAMESPACES) * Math.ceil((double) NAMESPACES / accounts);
    double worst = 0;
    for (Map.Entry<String, Integer> need : needed.entrySet()) {
      worst = Math.max(worst, need.getValue() * perAccount / Operations.QUOTAS.get(need.getKey()));
    }
    return Duration.ofMillis(Math.round(worst * 1000));
  }

  private void printStatusHealth(List<ModelAudit> all) {
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
    long transientErrors =
        all.stream()
            .filter(r -> r.getStatus() != null)
            .flatMap(r -> r.getStatus().getConditions().stream())
            .filter(c -> ConditionReason.TransientError.name().equals(c.getReason()))
            .count();
    line(
        "Stalled: %d; conditions mentioning throttling: %d; TransientError conditions: %d",
        stalled, throttledInStatus, transientErrors);
  }

  private void printCalls(String title, Map<String, Integer> calls, int n) {
    line("%s (%d reads, %d writes):", title, reads(calls), writes(calls));
    for (Map.Entry<String, Integer> call : new TreeMap<>(calls).entrySet()) {
      line(
          "  %-30s %7d  (%.2f per ModelAudit)%s",
          call.getKey(),
          call.getValue(),
          (double) call.getValue() / n,
          BenchAws.isWrite(call.getKey()) ? "  write" : "");
    }
  }

  private static int writes(Map<String, Integer> calls) {
    return calls.entrySet().stream()
        .filter(e -> BenchAws.isWrite(e.getKey()))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  private static int reads(Map<String, Integer> calls) {
    return calls.values().stream().mapToInt(Integer::intValue).sum() - writes(calls);
  }

  private void printLatency(String title, List<Long> nanos) {
    if (nanos.isEmpty()) {
      line("%s: no reconcile", title);
      return;
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    line(
        "%s, %d reconciles: p50 %s, p99 %s, max %s",
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

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double mib(long bytes) {
    return bytes / 1048576.0;
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
    Path file =
        Path.of(
            "target",
            "scale-benchmark-"
                + options.aws()
                + "-"
                + options.spec()
                + "-n"
                + options.n()
                + ".txt");
    Files.createDirectories(file.getParent());
    Files.write(file, report);
    out.println("report written to " + file);
  }

  // ---- time ----

  private Duration scaled(Duration real) {
    return Duration.ofNanos(Math.max(1_000_000L, Math.round(real.toNanos() / options.timeScale())));
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
    context.getLogger("io.javaoperatorsdk").setLevel(Level.WARN);
    context.getLogger("io.fabric8").setLevel(Level.WARN);
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    Arrays.stream(java.util.logging.LogManager.getLogManager().getLogger("").getHandlers())
        .forEach(h -> h.setLevel(java.util.logging.Level.WARNING));
  }

  /**
   * The benchmark's own view of the ModelAudits, kept by a watch: how many are Ready, and when a
   * status first shows an alarm state change the benchmark made.
   */
  private static final class StatusWatch implements AutoCloseable {
    private final SharedIndexInformer<ModelAudit> informer;
    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

    private record Expected(String reason, long since) {}

    StatusWatch(KubernetesClient client) {
      informer = client.resources(ModelAudit.class).inAnyNamespace().inform();
      informer.addEventHandler(
          new ResourceEventHandler<>() {
            @Override
            public void onAdd(ModelAudit audit) {
              check(audit);
            }

            @Override
            public void onUpdate(ModelAudit old, ModelAudit audit) {
              check(audit);
            }

            @Override
            public void onDelete(ModelAudit audit, boolean unknownFinalState) {}
          });
    }

    void expect(String key, String reason) {
      expected.put(key, new Expected(reason, System.nanoTime()));
    }

    int pending() {
      return expected.size();
    }

    List<Long> latencies() {
      return new ArrayList<>(latencies);
    }

    private void check(ModelAudit audit) {
      Expected wanted = expected.get(key(audit));
      if (wanted == null || audit.getStatus() == null || audit.getStatus().getAlarms() == null) {
        return;
      }
      for (AlarmStatus alarm : audit.getStatus().getAlarms()) {
        if (wanted.reason().equals(alarm.getStateReason()) && expected.remove(key(audit), wanted)) {
          latencies.add(System.nanoTime() - wanted.since());
        }
      }
    }

    int readyCount() {
      return (int)
          informer.getStore().list().stream()
              .filter(
                  r ->
                      StatusBuilder.isReadyFor(
                          r.getStatus(),
                          r.getMetadata().getGeneration() == null
                              ? 0
                              : r.getMetadata().getGeneration()))
              .count();
    }

    List<ModelAudit> all() {
      return informer.getStore().list();
    }

    private static String key(ModelAudit audit) {
      return audit.getMetadata().getNamespace() + "/" + audit.getMetadata().getName();
    }

    @Override
    public void close() {
      informer.close();
    }
  }
}
