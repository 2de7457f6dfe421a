package io.modelaudit.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.ExactState;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS misbehaving: throttling storms, bursts of server errors, timeouts, slow and hung answers, a
 * long outage while resources are deleted, and a ModelAudit deleted and recreated at once. Each
 * scenario ends with every status Ready and AWS holding exactly the desired state: every part once,
 * owned by its ModelAudit, and nothing orphaned.
 *
 * <p>Each scenario works in a region of its own and injects faults only there, so that the resyncs
 * of the other scenarios' resources neither suffer nor count.
 */
class AwsFaultsIT {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final OperatorConfig CONFIG = OperatorHarness.fastConfig();

  private static InMemoryCloudWatch aws;
  private static OperatorHarness harness;

  private final String namespace = "faults-" + COUNTER.incrementAndGet();

  @BeforeAll
  static void startOperator() {
    aws = new InMemoryCloudWatch();
    harness = OperatorHarness.start(aws, CONFIG);
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @AfterEach
  void calmAws() {
    aws.injectFaults(null);
    aws.clearFailures();
    aws.clearLatencies();
  }

  @Test
  void throttlingStormThenCalmConverges() {
    String region = "us-west-1";
    AtomicBoolean storm = new AtomicBoolean(true);
    AtomicInteger injected = new AtomicInteger();
    Random random = new Random(7);
    aws.injectFaults(
        (r, op) -> {
          if (r.equals(region) && storm.get() && chance(random, 0.6)) {
            injected.incrementAndGet();
            return Kind.TRANSIENT;
          }
          return null;
        });

    List<ModelAudit> audits = createRich(region, 4);
    await().atMost(Duration.ofSeconds(30)).until(() -> injected.get() >= 20);
    for (ModelAudit audit : audits) {
      ModelAudit now = harness.get(namespace, audit.getMetadata().getName());
      assertThat(now.getStatus() == null || !isStalled(now))
          .as("throttling is transient, never Stalled")
          .isTrue();
    }
    storm.set(false);

    awaitAllReady(audits);
    assertExact(region, audits);
    assertThat(reasons(audits.get(0))).contains("TransientError");
  }

  @Test
  void sustainedThrottlingStillConverges() {
    String region = "us-west-2";
    AtomicInteger injected = new AtomicInteger();
    Random random = new Random(11);
    aws.injectFaults(
        (r, op) -> {
          // the SDK already retried; what reaches the operator is a fraction of the storm
          if (r.equals(region) && chance(random, 0.1)) {
            injected.incrementAndGet();
            return Kind.TRANSIENT;
          }
          return null;
        });

    List<ModelAudit> audits = createRich(region, 3);

    awaitAllReady(audits);
    assertExact(region, audits);
    assertThat(injected.get()).as("faults injected").isGreaterThan(0);
  }

  @Test
  void burstsOfServerErrorsDuringCreateAndUpdateConverge() {
    String region = "eu-west-2";
    AtomicBoolean burst = new AtomicBoolean();
    Set<String> hit = ConcurrentHashMap.newKeySet();
    aws.injectFaults(
        (r, op) -> {
          if (r.equals(region) && burst.get()) {
            hit.add(op);
            return Kind.TRANSIENT;
          }
          return null;
        });

    List<ModelAudit> audits = createRich(region, 3);
    bursts(burst);
    awaitAllReady(audits);
    assertExact(region, audits);

    List<ModelAudit> edited = new ArrayList<>();
    for (ModelAudit audit : audits) {
      String name = audit.getMetadata().getName();
      ModelAudit next = inRegion(Specs.richEdited(namespace, name), region);
      edited.add(
          harness.edit(
              namespace,
              name,
              r -> {
                r.setSpec(next.getSpec());
                return r;
              }));
    }
    bursts(burst);
    awaitAllReady(edited);
    assertExact(region, edited);
    assertThat(hit).contains(InMemoryCloudWatch.DESCRIBE_LOG_GROUPS);
  }

  /** Three bursts in which every call fails with a 5xx, with calm between them. */
  private static void bursts(AtomicBoolean burst) {
    for (int i = 0; i < 3; i++) {
      burst.set(true);
      sleep(700);
      burst.set(false);
      sleep(500);
    }
  }

  @Test
  void timeoutsAndSlowAnswersConverge() {
    String region = "eu-central-1";
    Random random = new Random(13);
    AtomicInteger timeouts = new AtomicInteger();
    aws.injectFaults(
        (r, op) -> {
          if (!r.equals(region)) {
            return null;
          }
          // every answer is slow; one in ten never comes and the client gives up
          if (chance(random, 0.1)) {
            sleep(300);
            timeouts.incrementAndGet();
            throw new GatewayException(
                Kind.TRANSIENT, op, null, "timed out waiting for the response (injected)");
          }
          sleep(40);
          return null;
        });

    List<ModelAudit> audits = createRich(region, 3);

    // A full reconcile of a rich spec now reads every part (streams, filters, alarms, and the
    // archive, masking, queries and index policy), and one call in ten times out: a pass that
    // gets through takes many tries, longer than the usual wait on a loaded machine. What this
    // test asserts is that it converges, exactly; not how fast.
    for (ModelAudit audit : audits) {
      harness.awaitReady(namespace, audit.getMetadata().getName(), Duration.ofSeconds(120));
    }
    assertExact(region, audits);
    assertThat(timeouts.get()).isGreaterThan(0);
  }

  @Test
  void aHungRegionDoesNotStarveTheOthers() throws InterruptedException {
    String hungRegion = "ap-south-1";
    String healthyRegion = "ap-northeast-1";
    CountDownLatch answer = new CountDownLatch(1);
    AtomicInteger waiting = new AtomicInteger();
    aws.injectFaults(
        (r, op) -> {
          if (r.equals(hungRegion) && answer.getCount() > 0) {
            waiting.incrementAndGet();
            try {
              answer.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return Kind.TRANSIENT;
            }
          }
          return null;
        });
    try {
      List<ModelAudit> hung = createRich(hungRegion, 2);
      await().atMost(Duration.ofSeconds(30)).until(() -> waiting.get() >= 2);

      List<ModelAudit> healthy = createRich(healthyRegion, 3);
      awaitAllReady(healthy);
      assertExact(healthyRegion, healthy);
      for (ModelAudit audit : hung) {
        assertThat(isReady(harness.get(namespace, audit.getMetadata().getName())))
            .as("still waiting for its region")
            .isFalse();
      }

      answer.countDown();
      awaitAllReady(hung);
      assertExact(hungRegion, hung);
    } finally {
      answer.countDown();
    }
  }

  @Test
  void awsUnreachableWhileDeletingKeepsEveryFinalizerUntilCleanupCompletes() {
    String region = "ca-central-1";
    ModelAudit deleted = inRegion(Specs.withPolicy(namespace, "delete-me", "Delete"), region);
    ModelAudit retained = inRegion(Specs.withPolicy(namespace, "retain-me", "Retain"), region);
    ModelAudit orphaned = inRegion(Specs.withPolicy(namespace, "orphan-me", "Orphan"), region);
    ModelAudit survivor = inRegion(Specs.rich(namespace, "survivor"), region);
    List<ModelAudit> all = List.of(deleted, retained, orphaned, survivor);
    all.forEach(harness::create);
    awaitAllReady(all);
    Map<String, Integer> before = snapshot(region, all);

    AtomicInteger refused = new AtomicInteger();
    aws.injectFaults(
        (r, op) -> {
          if (r.equals(region)) {
            refused.incrementAndGet();
            return Kind.TRANSIENT;
          }
          return null;
        });
    harness.delete(namespace, "delete-me");
    harness.delete(namespace, "retain-me");
    harness.delete(namespace, "orphan-me");

    harness.awaitGone(namespace, "orphan-me");
    for (String name : List.of("delete-me", "retain-me")) {
      ModelAudit waiting =
          harness.awaitCondition(namespace, name, Conditions.RECONCILING, "Deleting");
      assertThat(waiting.getMetadata().getFinalizers()).contains("modelaudit.io/cleanup");
    }
    // a long stretch: many retries, and an operator restart in the middle of it
    int refusedBefore = refused.get();
    await().atMost(Duration.ofSeconds(30)).until(() -> refused.get() >= refusedBefore + 10);
    harness.stopOperator();
    harness.startOperator();
    int refusedAfterRestart = refused.get();
    await().atMost(Duration.ofSeconds(30)).until(() -> refused.get() >= refusedAfterRestart + 10);

    assertThat(harness.get(namespace, "delete-me")).isNotNull();
    assertThat(harness.get(namespace, "retain-me")).isNotNull();
    assertThat(snapshot(region, all))
        .as("no AWS resource lost during the outage")
        .isEqualTo(before);

    aws.injectFaults(null);
    harness.awaitGone(namespace, "delete-me");
    harness.awaitGone(namespace, "retain-me");
    harness.awaitReady(namespace, "survivor");
    String retainedGroup = "/modelaudit/" + namespace + "/retain-me";
    String orphanedGroup = "/modelaudit/" + namespace + "/orphan-me";
    assertThat(aws.logGroup(region, "/modelaudit/" + namespace + "/delete-me")).isEmpty();
    assertThat(aws.logStreams(region, retainedGroup)).containsExactly("audit", "inference");
    // Orphan leaves everything, alarms and filters included
    assertThat(aws.metricFilters(region, orphanedGroup)).hasSize(2);
    List<String> orphanAlarms =
        aws.alarmNames(region).stream().filter(n -> n.contains("/orphan-me/")).toList();
    assertThat(orphanAlarms).hasSize(2);
    List<String> differences =
        new ArrayList<>(
            ExactState.differences(
                aws, region, CONFIG, List.of(survivor, orphaned), Set.of(retainedGroup)));
    assertThat(differences).isEmpty();
  }

  @Test
  void deletedAndRecreatedAtOnceEndsWithOnlyTheNewResources() {
    String region = "sa-east-1";
    ModelAudit old = inRegion(Specs.rich(namespace, "twin"), region);
    harness.create(old);
    String oldUid = harness.awaitReady(namespace, "twin").getMetadata().getUid();

    ModelAudit reborn = inRegion(Specs.richEdited(namespace, "twin"), region);
    harness.delete(namespace, "twin");
    createAsSoonAsTheNameIsFree(reborn);

    ModelAudit ready = harness.awaitReady(namespace, "twin");
    assertThat(ready.getMetadata().getUid()).isNotEqualTo(oldUid);
    assertExact(region, List.of(reborn));
    assertThat(ready.getStatus().getLogStreams()).containsExactly("inference", "training");
    assertThat(ready.getStatus().getMetricFilters())
        .extracting(f -> f.getName())
        .containsExactlyInAnyOrder("errors", "low-confidence");
    assertThat(ready.getStatus().getAlarms())
        .extracting(a -> a.getName())
        .containsExactlyInAnyOrder("too-many-errors", "unsure");
  }

  @Test
  void retainedThenRecreatedAtOnceAdoptsTheGroupAndKeepsOnlyTheNewFiltersAndAlarms() {
    String region = "eu-north-1";
    ModelAudit old = inRegion(Specs.withPolicy(namespace, "phoenix", "Retain"), region);
    harness.create(old);
    harness.awaitReady(namespace, "phoenix");

    ModelAudit reborn = inRegion(Specs.richEdited(namespace, "phoenix"), region);
    // the group was kept from the deleted one (another uid): taking it over needs adoptExisting
    reborn.getSpec().setAdoptExisting(true);
    harness.delete(namespace, "phoenix");
    createAsSoonAsTheNameIsFree(reborn);

    ModelAudit ready = harness.awaitReady(namespace, "phoenix");
    String group = "/modelaudit/" + namespace + "/phoenix";
    // the retained stream "audit" holds the old events: kept, but not the new one's to manage
    assertThat(aws.logStreams(region, group)).containsExactly("audit", "inference", "training");
    assertThat(ready.getStatus().getLogStreams()).containsExactly("inference", "training");
    assertThat(ExactState.differences(aws, region, CONFIG, List.of(reborn), Set.of(group)))
        .isEmpty();
  }

  // ---- helpers ----

  private List<ModelAudit> createRich(String region, int count) {
    List<ModelAudit> audits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ModelAudit audit = inRegion(Specs.rich(namespace, region + "-" + i), region);
      harness.create(audit);
      audits.add(audit);
    }
    return audits;
  }

  private static ModelAudit inRegion(ModelAudit audit, String region) {
    io.modelaudit.operator.Fixtures.inRegion(audit.getSpec(), region);
    return audit;
  }

  private void createAsSoonAsTheNameIsFree(ModelAudit audit) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(
            () -> {
              harness.create(audit);
              return true;
            });
  }

  private void awaitAllReady(List<ModelAudit> audits) {
    for (ModelAudit audit : audits) {
      harness.awaitReady(namespace, audit.getMetadata().getName());
    }
  }

  private static void assertExact(String region, List<ModelAudit> audits) {
    assertThat(ExactState.differences(aws, region, CONFIG, audits)).isEmpty();
  }

  /** Everything in the region, as part counts per resource, for before/after comparisons. */
  private static Map<String, Integer> snapshot(String region, List<ModelAudit> audits) {
    Map<String, Integer> parts = new java.util.TreeMap<>();
    for (String group : aws.logGroupNames(region)) {
      parts.put(group + " streams", aws.logStreams(region, group).size());
      parts.put(group + " filters", aws.metricFilters(region, group).size());
    }
    aws.alarmNames(region).forEach(a -> parts.put(a, 1));
    return parts;
  }

  private List<String> reasons(ModelAudit audit) {
    return harness.events(namespace, audit.getMetadata().getName()).stream()
        .map(Event::getReason)
        .toList();
  }

  private static boolean isStalled(ModelAudit audit) {
    return Conditions.isTrue(audit.getStatus().getConditions(), Conditions.STALLED);
  }

  private static boolean isReady(ModelAudit audit) {
    return audit.getStatus() != null
        && Conditions.isTrue(audit.getStatus().getConditions(), Conditions.READY);
  }

  private static boolean chance(Random random, double probability) {
    synchronized (random) {
      return random.nextDouble() < probability;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
