package io.modelaudit.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.moto.CborBridgeProxy;
import io.modelaudit.operator.moto.CborBridgeProxy.Call;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.OperatorHarness;
import io.modelaudit.operator.support.OperatorProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production entry point, in JVMs of its own as in a pod, with leader election on: two replicas
 * against the mock API server and moto (each through its own proxy, so the test sees which replica
 * called AWS and when). SIGTERM to the leader while it is converging a batch of new ModelAudits
 * must end it promptly and cleanly, release its Lease, and let the follower take over within
 * seconds and converge the batch, with no AWS write made twice and no AWS call of the old leader
 * overlapping one of the new.
 */
@ExtendWith(MotoServer.Extension.class)
class GracefulShutdownIT {

  private static final String LEASE_NAMESPACE = "modelaudit-system";
  private static final String NAMESPACE = "ml-prod";
  private static final int BATCH = 6;

  /** JOSDK's default lease duration, which Main uses: a takeover without release waits this. */
  private static final Duration LEASE_DURATION = Duration.ofSeconds(15);

  /** Generous bounds for a loaded 2-core machine; the measured figures are printed. */
  private static final Duration JVM_START = Duration.ofSeconds(90);

  private static final Duration PROMPT_EXIT = Duration.ofSeconds(10);

  /** The JVM's exit status after SIGTERM when every shutdown hook returned (128 + 15). */
  private static final int EXIT_ON_SIGTERM = 143;

  @TempDir Path dir;

  private OperatorHarness harness;
  private CborBridgeProxy awsOfA;
  private CborBridgeProxy awsOfB;
  private final List<OperatorProcess> processes = new ArrayList<>();

  @BeforeEach
  void start(MotoServer moto) {
    moto.reset();
    harness = OperatorHarness.apiServerOnly(OperatorHarness.fastConfig());
    awsOfA = new CborBridgeProxy(moto.endpoint());
    awsOfB = new CborBridgeProxy(moto.endpoint());
  }

  @AfterEach
  void stopEverything() {
    try {
      processes.forEach(OperatorProcess::close);
    } finally {
      Stream.of(awsOfA, awsOfB).filter(Objects::nonNull).forEach(CborBridgeProxy::close);
      if (harness != null) {
        harness.close();
      }
    }
  }

  @Test
  void sigtermEndsTheLeaderPromptlyReleasesItsLeaseAndTheFollowerTakesOverAtOnce()
      throws IOException {
    OperatorProcess a = replica("replica-a", awsOfA);
    awaitHolder("replica-a", JVM_START, a);
    OperatorProcess b = replica("replica-b", awsOfB);
    await()
        .atMost(JVM_START)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> b.httpPort().isPresent() || !b.isAlive());
    assertThat(b.isAlive()).as("replica-b started; its log:\n%s", b.log()).isTrue();

    harness.create(audit("warm-up"));
    harness.awaitReady(NAMESPACE, "warm-up");
    // Every replica learns its account once at start (STS, a read of no resource); after that a
    // follower touches nothing in AWS.
    assertThat(awsOfB.calls())
        .as("the follower calls no AWS API but STS GetCallerIdentity at start")
        .extracting(CborBridgeProxy.Call::operation)
        .containsOnly("GetCallerIdentity");

    // A batch of new ModelAudits: SIGTERM arrives while the leader is converging them.
    for (int i = 0; i < BATCH; i++) {
      harness.create(audit("model-" + i));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> awsOfA.calls().stream().anyMatch(GracefulShutdownIT::createsABatchGroup));
    long readyAtSigterm = readyCount();

    long sigterm = System.nanoTime();
    a.sigterm();
    boolean exited = a.awaitExit(Duration.ofSeconds(30));
    long exitNanos = System.nanoTime() - sigterm;
    Lease leaseAtExit = lease();
    assertThat(exited)
        .as(
            "replica-a ends within 30 s of SIGTERM; its log:\n%s\nthread dump:\n%s",
            a.log(), a.threadDump())
        .isTrue();
    assertThat(a.exitValue())
        .as("exit status after SIGTERM (143: every shutdown hook completed); log:\n%s", a.log())
        .isEqualTo(EXIT_ON_SIGTERM);
    assertThat(Duration.ofNanos(exitNanos)).isLessThan(PROMPT_EXIT);
    assertThat(a.log())
        .contains("released Lease " + LEASE_NAMESPACE + "/" + ModelAuditOperator.LEASE_NAME)
        .contains("stopped in")
        .doesNotContain("halting");
    // The lease would still be valid for about 13 s had it not been released: at once it is free
    // or already the follower's.
    assertThat(holderOf(leaseAtExit)).isIn(null, "", "replica-b");

    awaitHolder("replica-b", Duration.ofSeconds(30), b);
    long takeoverNanos = System.nanoTime() - sigterm;
    assertThat(Duration.ofNanos(takeoverNanos)).isLessThan(LEASE_DURATION);

    harness.awaitReady(NAMESPACE, "warm-up");
    for (int i = 0; i < BATCH; i++) {
      harness.awaitReady(NAMESPACE, "model-" + i);
    }
    long convergedNanos = System.nanoTime() - sigterm;

    List<Call> callsOfA = awsOfA.calls();
    // what replica-b did as the leader: all but the account it learned at start
    List<Call> callsOfB =
        awsOfB.calls().stream().filter(c -> !c.operation().equals("GetCallerIdentity")).toList();
    assertThat(callsOfB).isNotEmpty();
    long lastOfA = callsOfA.stream().mapToLong(Call::endNanos).max().orElseThrow();
    Call firstOfB = callsOfB.stream().min(Comparator.comparingLong(Call::startNanos)).get();
    assertThat(lastOfA)
        .as("every AWS call of the old leader ended before the new leader's first")
        .isLessThan(firstOfB.startNanos());
    Map<String, Long> writes =
        Stream.concat(callsOfA.stream(), callsOfB.stream())
            .filter(Call::isWrite)
            .collect(
                Collectors.groupingBy(
                    GracefulShutdownIT::target, TreeMap::new, Collectors.counting()));
    assertThat(writes).as("AWS writes by target").isNotEmpty();
    assertThat(writes.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
        .as("AWS writes made twice (by either replica): %s", writes)
        .isEmpty();
    Optional<Call> firstWriteOfB =
        callsOfB.stream().filter(Call::isWrite).min(Comparator.comparingLong(Call::startNanos));

    System.out.printf(
        "graceful shutdown: SIGTERM -> replica-a exited %d ms; -> replica-b holds the Lease %d"
            + " ms; -> replica-b's first AWS call %d ms (%s), first write %s; -> all %d"
            + " ModelAudits Ready %d ms (%d were Ready at SIGTERM); AWS writes: %d by replica-a,"
            + " %d by replica-b, none twice%n",
        millis(exitNanos),
        millis(takeoverNanos),
        millis(firstOfB.startNanos() - sigterm),
        firstOfB.operation(),
        firstWriteOfB
            .map(w -> millis(w.startNanos() - sigterm) + " ms (" + w.operation() + ")")
            .orElse("none"),
        BATCH + 1,
        millis(convergedNanos),
        readyAtSigterm,
        callsOfA.stream().filter(Call::isWrite).count(),
        callsOfB.stream().filter(Call::isWrite).count());

    System.out.println("replica-a's shutdown, as it logged it:\n" + shutdownLines(a));
    System.out.println("replica-b's takeover, as it logged it:\n" + takeoverLines(b));

    // The last replica standing stops as promptly and leaves the Lease free for the next one.
    long second = System.nanoTime();
    b.sigterm();
    assertThat(b.awaitExit(Duration.ofSeconds(30)))
        .as("replica-b ends within 30 s of SIGTERM; its log:\n%s", b.log())
        .isTrue();
    long secondExitNanos = System.nanoTime() - second;
    assertThat(b.exitValue()).isEqualTo(EXIT_ON_SIGTERM);
    assertThat(Duration.ofNanos(secondExitNanos)).isLessThan(PROMPT_EXIT);
    assertThat(holderOf(lease())).isIn(null, "");
    System.out.printf(
        "graceful shutdown: SIGTERM -> replica-b (leader, no follower) exited %d ms%n",
        millis(secondExitNanos));
  }

  @Test
  void aLeaderThatLosesItsLeaseEndsByItselfWithoutADeadlock() throws IOException {
    OperatorProcess a = replica("replica-a", awsOfA);
    awaitHolder("replica-a", JVM_START, a);
    harness.create(audit("warm-up"));
    harness.awaitReady(NAMESPACE, "warm-up");

    // Another replica holds the Lease now, as after this one's renewals failed for too long.
    long stolen = System.nanoTime();
    harness
        .client()
        .leases()
        .inNamespace(LEASE_NAMESPACE)
        .withName(ModelAuditOperator.LEASE_NAME)
        .edit(
            lease -> {
              lease.getSpec().setHolderIdentity("replica-z");
              lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
              return lease;
            });

    boolean exited = a.awaitExit(Duration.ofSeconds(30));
    long exitNanos = System.nanoTime() - stolen;
    assertThat(exited)
        .as("replica-a ends by itself; its log:\n%s\nthread dump:\n%s", a.log(), a.threadDump())
        .isTrue();
    assertThat(a.exitValue()).as("its log:\n%s", a.log()).isEqualTo(1);
    assertThat(a.log())
        .contains("lost the Lease " + LEASE_NAMESPACE + "/" + ModelAuditOperator.LEASE_NAME)
        .contains("stopped in")
        .doesNotContain("halting");
    // it neither erased nor took back the new holder's Lease
    assertThat(holderOf(lease())).isEqualTo("replica-z");
    System.out.printf(
        "lost leadership: Lease taken over -> replica-a exited %d ms (status 1)%n",
        millis(exitNanos));
  }

  // ---- the replicas ----

  private OperatorProcess replica(String podName, CborBridgeProxy aws) throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    if (!Files.exists(kubeconfig)) {
      Files.writeString(kubeconfig, kubeconfig(harness.client().getMasterUrl().toString()));
    }
    Map<String, String> env = new TreeMap<>();
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("POD_NAME", podName);
    env.put("MODELAUDIT_LEADER_ELECTION", "true");
    env.put("MODELAUDIT_LEASE_NAMESPACE", LEASE_NAMESPACE);
    env.put("MODELAUDIT_HTTP_PORT", "0");
    env.put("MODELAUDIT_LOG_FORMAT", "text");
    env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    OperatorProcess process = OperatorProcess.start(podName, env, dir);
    processes.add(process);
    return process;
  }

  private static String kubeconfig(String server) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: mock
          cluster:
            server: %s
        users:
        - name: mock
          user: {}
        contexts:
        - name: mock
          context:
            cluster: mock
            user: mock
            namespace: %s
        current-context: mock
        """
        .formatted(server, LEASE_NAMESPACE);
  }

  // ---- the cluster ----

  /** The seed, publishing metrics of its own: two ModelAudits may not share one. */
  private static ModelAudit audit(String name) {
    ModelAudit audit = Fixtures.example(Fixtures.SEED_EXAMPLE);
    audit.getMetadata().setNamespace(NAMESPACE);
    audit.getMetadata().setName(name);
    return Fixtures.withOwnMetrics(audit);
  }

  private long readyCount() {
    return harness
        .client()
        .resources(ModelAudit.class)
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .stream()
        .filter(
            m ->
                m.getStatus() != null
                    && Conditions.isTrue(m.getStatus().getConditions(), Conditions.READY))
        .count();
  }

  private Lease lease() {
    return harness
        .client()
        .leases()
        .inNamespace(LEASE_NAMESPACE)
        .withName(ModelAuditOperator.LEASE_NAME)
        .get();
  }

  private static String holderOf(Lease lease) {
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private void awaitHolder(String identity, Duration atMost, OperatorProcess process) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> identity.equals(holderOf(lease())) || !process.isAlive());
    assertThat(holderOf(lease()))
        .as("Lease holder; %s's log:\n%s", process, process.log())
        .isEqualTo(identity);
  }

  /** The log lines from the shutdown hook's first on, without the MDC's long braces. */
  private static String shutdownLines(OperatorProcess process) {
    List<String> lines = process.log().lines().toList();
    int from = 0;
    while (from < lines.size() && !lines.get(from).contains("[shutdown]")) {
      from++;
    }
    return lines.subList(from, lines.size()).stream()
        .map(l -> l.replaceAll(" \\{resource\\.[^}]*\\}", ""))
        .collect(Collectors.joining("\n"));
  }

  /** The follower's first lines as leader. */
  private static String takeoverLines(OperatorProcess process) {
    List<String> lines = process.log().lines().toList();
    int from = 0;
    while (from < lines.size()
        && !lines.get(from).contains("New leader with identity: replica-b")) {
      from++;
    }
    return lines.subList(from, Math.min(lines.size(), from + 12)).stream()
        .map(l -> l.replaceAll(" \\{resource\\.[^}]*\\}", ""))
        .collect(Collectors.joining("\n"));
  }

  // ---- AWS calls ----

  private static boolean createsABatchGroup(Call call) {
    String group = call.field("logGroupName");
    return call.operation().equals("CreateLogGroup")
        && group != null
        && group.startsWith("/modelaudit/" + NAMESPACE + "/model-");
  }

  /** What a write changes: its operation and the names of the AWS resource it addresses. */
  private static String target(Call call) {
    StringBuilder key = new StringBuilder(call.operation());
    for (String field :
        List.of(
            "logGroupName",
            "logStreamName",
            "filterName",
            "AlarmName",
            "AlarmNames",
            "resourceArn",
            "ResourceARN")) {
      if (call.request().has(field)) {
        key.append(' ').append(field).append('=').append(call.request().get(field));
      }
    }
    return key.toString();
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }
}
