package io.modelaudit.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.support.ExactState;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator dies between two AWS calls of a create, an update and a delete, at every point:
 * after the k-th mutating call took effect in AWS, every later call of that operator hangs, the
 * operator is stopped and a new one started. The new one must converge with no duplicate, no
 * orphan, and a status that tracks exactly the parts it manages.
 */
class CrashRestartIT {

  private static final String NAMESPACE = "crash";
  private static final OperatorConfig CONFIG = OperatorHarness.fastConfig();

  private static InMemoryCloudWatch aws;
  private static OperatorHarness harness;

  private final AtomicInteger counter = new AtomicInteger();

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
    aws.afterMutatingCalls(null);
    aws.injectFaults(null);
  }

  @Test
  void crashAtEveryPointOfACreate() {
    String region = "us-east-2";
    Scenario create = new Scenario(this::newName, name -> createRich(region, name));
    int calls = mutatingCallsOf(region, create);
    assertThat(calls).as("a create of the rich spec").isEqualTo(8);

    for (int k = 1; k <= calls; k++) {
      String name = crashAfter(k, region, create);
      harness.awaitReady(NAMESPACE, name);
      assertConverged(region, name);
    }
  }

  @Test
  void crashAtEveryPointOfAnUpdate() {
    String region = "us-west-1";
    Scenario update = new Scenario(this::readyRich, name -> edit(name, Specs.RICH_EDITED));
    int calls = mutatingCallsOf(region, update);
    assertThat(calls).as("an update that touches every kind of part").isEqualTo(13);

    for (int k = 1; k <= calls; k++) {
      String name = crashAfter(k, region, update);
      harness.awaitReady(NAMESPACE, name);
      assertConverged(region, name);
    }
  }

  @Test
  void crashAtEveryPointOfADelete() {
    String region = "eu-west-3";
    Scenario delete = new Scenario(this::readyRich, name -> harness.delete(NAMESPACE, name));
    int calls = mutatingCallsOf(region, delete);
    assertThat(calls).as("alarms, two filters, two streams, the group").isEqualTo(6);

    for (int k = 1; k <= calls; k++) {
      String name = crashAfter(k, region, delete);
      harness.awaitGone(NAMESPACE, name);
      assertThat(ExactState.differences(aws, region, CONFIG, live(region))).isEmpty();
      assertThat(aws.logGroup(region, "/modelaudit/" + NAMESPACE + "/" + name)).isEmpty();
    }
  }

  @Test
  void aPartAddedThenRemovedWhileTheOperatorWasDownLeavesNoOrphan() {
    String region = "ap-southeast-1";
    Scenario addAlarm =
        new Scenario(
            this::readyRich,
            name ->
                edit(name, Specs.RICH.replace("notifications:", EXTRA_ALARM + "notifications:")));
    // the operator dies right after it created the new alarm, before status records it; while it
    // is down, the team changes its mind and removes the alarm again
    String name = crashAfter(1, region, addAlarm, n -> edit(n, Specs.RICH));

    harness.awaitReady(NAMESPACE, name);
    assertThat(aws.alarm(region, "modelaudit-" + NAMESPACE + "/" + name + "/extra"))
        .as("the alarm the spec no longer has")
        .isEmpty();
    assertConverged(region, name);
  }

  private static final String EXTRA_ALARM =
      """
        - name: extra
          metricFilter: errors
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          comparisonOperator: GreaterThanOrEqualToThreshold
          threshold: 1
      """;

  // ---- scenarios ----

  /**
   * A preparation that must not crash (it returns the name of the ModelAudit), then the action
   * whose mutating calls are counted and crashed.
   */
  private record Scenario(
      java.util.function.Function<String, String> prepare, Consumer<String> act) {}

  private String newName(String region) {
    return region + "-" + counter.incrementAndGet();
  }

  private void createRich(String region, String name) {
    ModelAudit audit = Specs.rich(NAMESPACE, name);
    Fixtures.inRegion(audit.getSpec(), region);
    harness.create(audit);
  }

  private String readyRich(String region) {
    String name = newName(region);
    createRich(region, name);
    harness.awaitReady(NAMESPACE, name);
    return name;
  }

  private void edit(String name, String specYaml) {
    harness.edit(
        NAMESPACE,
        name,
        r -> {
          String region = r.getSpec().getRegion();
          r.setSpec(
              Fixtures.inRegion(
                  Fixtures.withOwnMetrics(Fixtures.spec(specYaml), NAMESPACE, name), region));
          return r;
        });
  }

  // ---- the crash ----

  /** How many mutating calls the scenario's action makes when nothing goes wrong. */
  private int mutatingCallsOf(String region, Scenario scenario) {
    AtomicInteger count = new AtomicInteger();
    String name =
        run(
            scenario,
            region,
            () ->
                aws.afterMutatingCalls(
                    (n, r, op) -> count.set(r.equals(region) ? n : count.get())));
    ModelAudit now = harness.get(NAMESPACE, name);
    if (now == null || now.getMetadata().getDeletionTimestamp() != null) {
      harness.awaitGone(NAMESPACE, name);
    } else {
      harness.awaitReady(NAMESPACE, name);
    }
    aws.afterMutatingCalls(null);
    return count.get();
  }

  /**
   * Runs the scenario; right after its k-th mutating call took effect, every later AWS call of the
   * operator hangs (it is dying), the operator is stopped, and a new one is started once the old
   * one's threads are gone.
   */
  private String crashAfter(int k, String region, Scenario scenario) {
    return crashAfter(k, region, scenario, name -> {});
  }

  /** Like {@link #crashAfter(int, String, Scenario)}, acting while no operator runs. */
  private String crashAfter(int k, String region, Scenario scenario, Consumer<String> whileDown) {
    CountDownLatch crashed = new CountDownLatch(1);
    Set<Thread> dying = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Runnable arm =
        () ->
            aws.afterMutatingCalls(
                (n, r, op) -> {
                  if (n == k) {
                    aws.injectFaults(
                        (r2, op2) -> {
                          dying.add(Thread.currentThread());
                          return hang();
                        });
                    crashed.countDown();
                  }
                });
    String name = run(scenario, region, arm);
    try {
      assertThat(crashed.await(30, TimeUnit.SECONDS)).as("reached call " + k).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    harness.stopOperator();
    await().atMost(Duration.ofSeconds(20)).until(() -> dying.stream().noneMatch(Thread::isAlive));
    aws.afterMutatingCalls(null);
    aws.injectFaults(null);
    whileDown.accept(name);
    harness.startOperator();
    return name;
  }

  /** Runs the preparation of the scenario, then arms the hook and runs its action. */
  private static String run(Scenario scenario, String region, Runnable arm) {
    String name = scenario.prepare().apply(region);
    arm.run();
    scenario.act().accept(name);
    return name;
  }

  /** Blocks the dying operator's call until its thread is interrupted by the stop. */
  private static Kind hang() {
    try {
      new CountDownLatch(1).await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Kind.TRANSIENT;
  }

  // ---- what converged means ----

  private void assertConverged(String region, String name) {
    assertThat(ExactState.differences(aws, region, CONFIG, live(region))).isEmpty();
    ModelAudit audit = harness.get(NAMESPACE, name);
    DesiredState desired = ExactState.desired(audit, CONFIG);
    assertThat(audit.getStatus().getLogStreams())
        .as("status tracks exactly the streams")
        .containsExactlyInAnyOrderElementsOf(desired.of(LogStreamsPart.PART));
    assertThat(audit.getStatus().getMetricFilters())
        .extracting(MetricFilterStatus::getName)
        .containsExactlyInAnyOrderElementsOf(
            desired.of(MetricFiltersPart.PART).stream().map(f -> f.filterName()).toList());
    assertThat(audit.getStatus().getAlarms())
        .extracting(AlarmStatus::getAlarmName)
        .containsExactlyInAnyOrderElementsOf(
            desired.of(AlarmsPart.PART).stream().map(DesiredAlarm::alarmName).toList());
  }

  private static List<ModelAudit> live(String region) {
    List<ModelAudit> live = new ArrayList<>();
    for (ModelAudit audit :
        harness.client().resources(ModelAudit.class).inNamespace(NAMESPACE).list().getItems()) {
      if (region.equals(audit.getSpec().getRegion())
          && audit.getMetadata().getDeletionTimestamp() == null) {
        live.add(audit);
      }
    }
    return live;
  }
}
