package io.modelaudit.operator.reliability;

import ch.qos.logback.classic.Level;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.ExactState;
import io.modelaudit.operator.support.FaultyApiDispatcher;
import io.modelaudit.operator.support.OperatorHarness;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * A bounded soak run, not part of the build: N ModelAudits under random spec edits, deletions and
 * recreations while faults are injected into AWS, into the Kubernetes API and into the operator
 * itself. At the end, with the faults stopped, AWS must hold exactly the desired state.
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:java -Dexec.classpathScope=test \
 *     -Dmain.class=io.modelaudit.operator.reliability.Soak \
 *     -Dexec.args="--duration 10m --resources 500"
 * </pre>
 *
 * <p>({@code main.class}, not {@code exec.mainClass}: the build pins the plugin's main class to
 * that property.) Flags: {@code --duration} (e.g. 90s, 10m), {@code --resources}, {@code
 * --ops-per-second}, {@code --seed}, {@code --converge-timeout}, {@code --rate-limit-scale} (the
 * client-side AWS rate limits times this, default 10 as in the integration tests). It prints the
 * operations done, the faults injected, the time to converge after the last fault, and heap and
 * thread counts at start and end; it fails (non-zero exit) when AWS does not match the desired
 * state in the end.
 */
public final class Soak {

  private static final String REGION = OperatorConfig.DEFAULT_REGION;
  private static final int NAMESPACES = 10;
  private static final List<Integer> RETENTIONS = List.of(1, 3, 7, 14, 30, 90, 365);
  private static final List<String> STREAMS = List.of("events", "inference", "audit", "training");

  private final Duration duration;
  private final int resources;
  private final double opsPerSecond;
  private final Duration convergeTimeout;
  private final Random random;

  private final OperatorConfig config;
  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final FaultyApiDispatcher api = new FaultyApiDispatcher();
  private OperatorHarness harness;

  /** The spec each name should have now; absent while deleted. */
  private final Map<String, String> wanted = new TreeMap<>();

  /** Names deleted and not yet recreated. */
  private final Set<String> deleted = new LinkedHashSet<>();

  /** Log groups that outlive a deletion by policy (Retain) and so may keep old streams. */
  private final Set<String> retainedGroups = new HashSet<>();

  private final Map<String, AtomicInteger> operations = new TreeMap<>();
  private final Map<String, AtomicInteger> faultEpisodes = new TreeMap<>();
  private final AtomicLong failedCalls = new AtomicLong();
  private volatile double stormRate;
  private volatile boolean awsDown;
  private volatile long extraLatencyMillis;
  private String lastEpisode = "none";

  private Soak(
      Duration duration,
      int resources,
      double opsPerSecond,
      long seed,
      Duration convergeTimeout,
      double rateLimitScale) {
    this.duration = duration;
    this.resources = resources;
    this.opsPerSecond = opsPerSecond;
    this.convergeTimeout = convergeTimeout;
    this.random = new Random(seed);
    // The fake answers at once and the workload is compressed in time, so the client-side rate
    // limits are scaled like the integration tests' (at AWS's real quotas, 10 operations a second
    // queue up behind DescribeLogGroups at 5 a second).
    this.config =
        OperatorConfig.defaults()
            .withAws(io.modelaudit.operator.Fixtures.AWS)
            .withResyncInterval(Duration.ofSeconds(30))
            .withRetryDelays(Duration.ofMillis(200), Duration.ofSeconds(5))
            .withRateLimitsScaled(rateLimitScale);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = flags(args);
    Soak soak =
        new Soak(
            parseDuration(flags.getOrDefault("duration", "10m")),
            Integer.parseInt(flags.getOrDefault("resources", "500")),
            Double.parseDouble(flags.getOrDefault("ops-per-second", "10")),
            Long.parseLong(flags.getOrDefault("seed", "1")),
            parseDuration(flags.getOrDefault("converge-timeout", "10m")),
            Double.parseDouble(flags.getOrDefault("rate-limit-scale", "10")));
    boolean ok;
    try {
      ok = soak.run();
      System.out.println(ok ? "soak passed" : "soak FAILED: AWS does not match the desired state");
    } catch (Exception | Error e) {
      e.printStackTrace();
      ok = false;
    }
    // JOSDK 5.3.2 leaves one scheduler thread per stopped operator running, and exec:java would
    // wait for it forever
    System.exit(ok ? 0 : 1);
  }

  private boolean run() throws InterruptedException {
    quietLogs();
    harness = OperatorHarness.start(aws, config, api);
    aws.injectFaults(this::awsFault);
    Usage start = Usage.now();
    Instant began = Instant.now();
    System.out.printf(
        "soak: %d ModelAudits, %s, %.1f operations/s; start: %s%n",
        resources, duration, opsPerSecond, start);

    createAll();
    Instant end = began.plus(duration);
    Instant nextFault = Instant.now().plusSeconds(10);
    long pause = Math.max(1, Math.round(1000 / opsPerSecond));
    Instant nextProgress = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(end)) {
      if (Instant.now().isAfter(nextProgress)) {
        System.out.printf(
            "  %s: operations %s, faults %s%n",
            Duration.between(began, Instant.now()).toSeconds() + "s", operations, faultEpisodes);
        nextProgress = Instant.now().plusSeconds(30);
      }
      if (Instant.now().isAfter(nextFault)) {
        injectFaultEpisode();
        nextFault = Instant.now().plusSeconds(8 + random.nextInt(10));
      }
      randomOperation();
      Thread.sleep(pause);
    }
    // the workload ends with one more fault, so that convergence is timed from a fault's end
    injectFaultEpisode();
    calm();
    Duration converged = awaitConvergence();
    List<String> differences =
        ExactState.differences(aws, REGION, config, liveResources(), retainedGroups);
    Usage finish = Usage.now();
    report(start, finish, converged, differences, Duration.between(began, Instant.now()));
    harness.close();
    return converged != null && differences.isEmpty();
  }

  // ---- the workload ----

  private void createAll() {
    for (int i = 0; i < resources; i++) {
      String key = "soak-" + (i % NAMESPACES) + "/m-" + (i / NAMESPACES);
      String spec = randomSpec(key, null);
      wanted.put(key, spec);
      create(key, spec);
      count(operations, "create");
    }
  }

  private void randomOperation() {
    double dice = random.nextDouble();
    try {
      if (dice < 0.15 && !deleted.isEmpty()) {
        recreate();
      } else if (dice < 0.30 && wanted.size() > resources / 2) {
        delete();
      } else {
        edit();
      }
    } catch (RuntimeException e) {
      // the API server may be failing on purpose; the operation is simply not done
      count(operations, "refused by the API server");
    }
  }

  private void edit() {
    String key = randomKey();
    String spec = randomSpec(key, wanted.get(key));
    String[] ns = key.split("/");
    ModelAudit next = Fixtures.resource(ns[0], ns[1], spec);
    harness.edit(
        ns[0],
        ns[1],
        r -> {
          r.setSpec(next.getSpec());
          return r;
        });
    wanted.put(key, spec);
    count(operations, "edit");
  }

  private void delete() {
    String key = randomKey();
    String[] ns = key.split("/");
    harness.delete(ns[0], ns[1]);
    if (wanted.get(key).contains("deletionPolicy: Retain")) {
      retainedGroups.add("/modelaudit/" + key);
    }
    wanted.remove(key);
    deleted.add(key);
    count(operations, "delete");
  }

  private void recreate() {
    String key = deleted.iterator().next();
    String[] ns = key.split("/");
    if (harness.get(ns[0], ns[1]) != null) {
      // still terminating: its finalizer waits for the AWS cleanup
      deleted.remove(key);
      deleted.add(key);
      return;
    }
    String spec = randomSpec(key, null);
    create(key, spec);
    deleted.remove(key);
    wanted.put(key, spec);
    count(operations, "recreate");
  }

  private void create(String key, String spec) {
    String[] ns = key.split("/");
    harness.create(Fixtures.resource(ns[0], ns[1], spec));
  }

  private String randomKey() {
    List<String> keys = new ArrayList<>(wanted.keySet());
    return keys.get(random.nextInt(keys.size()));
  }

  /**
   * A random valid spec. Its deletion policy stays for the life of the resource, and under Retain
   * streams are only ever added: a stream removed from the spec stays in AWS then, by design.
   */
  private String randomSpec(String key, String previous) {
    String policy =
        previous == null
            ? (random.nextBoolean() ? "Delete" : "Retain")
            : previous.contains("deletionPolicy: Retain") ? "Retain" : "Delete";
    Set<String> streams = new LinkedHashSet<>();
    if (policy.equals("Retain") && previous != null) {
      streams.addAll(Fixtures.spec(previous).getLogStreams());
    }
    while (streams.isEmpty() || random.nextInt(3) == 0) {
      streams.add(STREAMS.get(random.nextInt(STREAMS.size())));
      if (streams.size() == STREAMS.size()) {
        break;
      }
    }
    StringBuilder spec = new StringBuilder();
    spec.append("model: {name: m, version: \"").append(random.nextInt(5)).append("\"}\n");
    Integer retention = random.nextInt(4) == 0 ? null : RETENTIONS.get(random.nextInt(7));
    spec.append("logGroup:\n  retentionInDays: ").append(retention == null ? "null" : retention);
    spec.append("\nlogStreams: [").append(String.join(", ", streams)).append("]\n");
    List<Integer> filters = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      if (random.nextBoolean()) {
        filters.add(f);
      }
    }
    if (!filters.isEmpty()) {
      spec.append("metricFilters:\n");
      for (int f : filters) {
        spec.append("  - name: f")
            .append(f)
            .append("\n    pattern: '{ $.level = \"L")
            .append(random.nextInt(3))
            .append("\" }'\n    metric: {namespace: Soak/")
            .append(key) // two ModelAudits may not publish the same metric
            .append(", name: M")
            .append(f)
            .append(", value: \"1\"}\n");
      }
      spec.append("alarms:\n");
      for (int f : filters) {
        if (random.nextBoolean()) {
          spec.append("  - name: a")
              .append(f)
              .append("\n    metricFilter: f")
              .append(f)
              .append("\n    statistic: Sum\n    period: 60\n    evaluationPeriods: 1\n")
              .append("    comparisonOperator: GreaterThanThreshold\n    threshold: ")
              .append(1 + random.nextInt(20))
              .append('\n');
        }
      }
      if (spec.toString().endsWith("alarms:\n")) {
        spec.setLength(spec.length() - "alarms:\n".length());
      }
    }
    spec.append("notifications:\n  snsTopicArn: arn:aws:sns:us-east-1:123456789012:soak\n");
    spec.append("tags: {Env: e").append(random.nextInt(3)).append("}\n");
    spec.append("deletionPolicy: ").append(policy).append('\n');
    return spec.toString();
  }

  // ---- faults ----

  private Kind awsFault(String region, String operation) {
    if (awsDown || (stormRate > 0 && chance(stormRate))) {
      failedCalls.incrementAndGet();
      return Kind.TRANSIENT;
    }
    long latency = extraLatencyMillis;
    if (latency > 0) {
      sleep(latency);
    }
    return null;
  }

  private void injectFaultEpisode() throws InterruptedException {
    // round robin, so that even a short run meets every kind of fault
    int kind = faultEpisodes.values().stream().mapToInt(AtomicInteger::get).sum() % 7;
    switch (kind) {
      case 0 -> {
        episode("AWS throttling storm (30% of calls, 5s)");
        stormRate = 0.3;
        Thread.sleep(5000);
        stormRate = 0;
      }
      case 1 -> {
        episode("AWS unreachable (3s)");
        awsDown = true;
        Thread.sleep(3000);
        awsDown = false;
      }
      case 2 -> {
        episode("AWS slow (+80ms per call, 5s)");
        extraLatencyMillis = 80;
        Thread.sleep(5000);
        extraLatencyMillis = 0;
      }
      case 3 -> {
        episode("operator restart");
        harness.stopOperator();
        harness.startOperator();
      }
      case 4 -> {
        episode("operator crash right after a mutating AWS call");
        crashAfterNextMutation();
      }
      case 5 -> {
        episode("Kubernetes 409 on the next 20 status patches");
        api.fail(FaultyApiDispatcher.statusPatch(), 409, 20);
      }
      default -> {
        episode("Kubernetes API unavailable and watches dropped (2s)");
        api.failAlways(FaultyApiDispatcher.anyModelAuditRequest(), 503);
        api.dropWatches();
        Thread.sleep(2000);
        api.clearFaults();
      }
    }
  }

  /** As in CrashRestartIT: after the next mutation every call hangs until the operator stops. */
  private void crashAfterNextMutation() throws InterruptedException {
    CountDownLatch crashed = new CountDownLatch(1);
    AtomicBoolean dying = new AtomicBoolean();
    Set<Thread> hung = java.util.concurrent.ConcurrentHashMap.newKeySet();
    aws.injectFaults(
        (region, op) -> {
          if (!dying.get()) {
            return awsFault(region, op);
          }
          hung.add(Thread.currentThread());
          try {
            new CountDownLatch(1).await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Kind.TRANSIENT;
        });
    aws.afterMutatingCalls(
        (n, region, op) -> {
          dying.set(true);
          crashed.countDown();
        });
    // edits keep coming, so a mutation happens soon
    for (int i = 0; i < 50 && !crashed.await(100, TimeUnit.MILLISECONDS); i++) {
      randomOperation();
    }
    dying.set(true);
    harness.stopOperator();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (hung.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    aws.afterMutatingCalls(null);
    aws.injectFaults(this::awsFault);
    harness.startOperator();
  }

  private void calm() {
    stormRate = 0;
    awsDown = false;
    extraLatencyMillis = 0;
    api.clearFaults();
  }

  // ---- the end ----

  /** Waits until every resource is Ready for its generation and every deleted one is gone. */
  private Duration awaitConvergence() throws InterruptedException {
    Instant since = Instant.now();
    Instant deadline = since.plus(convergeTimeout);
    while (Instant.now().isBefore(deadline)) {
      if (converged()) {
        return Duration.between(since, Instant.now());
      }
      Thread.sleep(500);
    }
    return null;
  }

  private boolean converged() {
    Map<String, ModelAudit> byKey = new HashMap<>();
    for (ModelAudit audit : allResources()) {
      byKey.put(audit.getMetadata().getNamespace() + "/" + audit.getMetadata().getName(), audit);
    }
    if (!byKey.keySet().equals(wanted.keySet())) {
      return false;
    }
    for (ModelAudit audit : byKey.values()) {
      if (audit.getStatus() == null
          || !audit.getMetadata().getGeneration().equals(audit.getStatus().getObservedGeneration())
          || !Conditions.isTrue(audit.getStatus().getConditions(), Conditions.READY)) {
        return false;
      }
    }
    return ExactState.differences(aws, REGION, config, byKey.values(), retainedGroups).isEmpty();
  }

  private List<ModelAudit> allResources() {
    return harness.client().resources(ModelAudit.class).inAnyNamespace().list().getItems();
  }

  private List<ModelAudit> liveResources() {
    return allResources().stream()
        .filter(a -> a.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private void report(
      Usage start, Usage finish, Duration converged, List<String> differences, Duration total) {
    int ops = operations.values().stream().mapToInt(AtomicInteger::get).sum();
    int episodes = faultEpisodes.values().stream().mapToInt(AtomicInteger::get).sum();
    System.out.println();
    System.out.println("==== soak report ====");
    System.out.printf(
        "duration: %s (workload %s), resources: %d%n", round(total), duration, resources);
    System.out.printf("operations: %d %s%n", ops, operations);
    System.out.printf(
        "faults: %d episodes %s; %d AWS calls failed on purpose; %d Kubernetes API requests"
            + " answered with an error%n",
        episodes, faultEpisodes, failedCalls.get(), api.injectedCount());
    System.out.printf(
        "AWS calls: %d (%d mutating)%n",
        aws.calls().values().stream().mapToInt(Integer::intValue).sum(), aws.mutatingCallCount());
    System.out.printf(
        "converged after the last fault (%s) ended in: %s%n",
        lastEpisode,
        converged == null ? "NOT CONVERGED within " + convergeTimeout : round(converged));
    System.out.printf(
        "final: %d ModelAudits, %d log groups, %d alarms in AWS; differences from desired: %d%n",
        wanted.size(),
        aws.logGroupNames(REGION).size(),
        aws.alarmNames(REGION).size(),
        differences.size());
    differences.stream().limit(20).forEach(d -> System.out.println("  " + d));
    System.out.printf("start: %s%nend:   %s%n", start, finish);
    System.out.printf("threads at the end, by name: %s%n", threadsByName());
  }

  /** Live threads grouped by name without their numbers, to tell a pool from a leak. */
  private static Map<String, Integer> threadsByName() {
    Map<String, Integer> groups = new TreeMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      groups.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
    }
    return groups;
  }

  private static String round(Duration d) {
    return Duration.ofMillis(d.toMillis()).toString();
  }

  /** Heap in use (after a GC) and live threads. */
  private record Usage(long heapMiB, int threads) {
    static Usage now() {
      System.gc();
      Runtime rt = Runtime.getRuntime();
      return new Usage(
          (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024),
          ManagementFactory.getThreadMXBean().getThreadCount());
    }

    @Override
    public String toString() {
      return "heap " + heapMiB + " MiB, " + threads + " threads";
    }
  }

  // ---- plumbing ----

  private boolean chance(double p) {
    synchronized (random) {
      return random.nextDouble() < p;
    }
  }

  private void episode(String what) {
    lastEpisode = what;
    count(faultEpisodes, what);
  }

  private static void count(Map<String, AtomicInteger> counts, String what) {
    synchronized (counts) {
      counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // The mock API server logs every request and the operator every AWS change: too much for hours.
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private static void quietLogs() {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.modelaudit")).setLevel(Level.WARN);
    for (String noisy :
        List.of("io.modelaudit.operator.reconcile", "io.javaoperatorsdk", "io.fabric8")) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.ERROR);
    }
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --flag value, got " + args[i]);
      }
      flags.put(args[i].substring(2), args[i + 1]);
    }
    return flags;
  }

  private static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    long n = Long.parseLong(t.substring(0, t.length() - 1));
    return switch (t.charAt(t.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("duration like 90s, 10m or 1h: " + text);
    };
  }
}
