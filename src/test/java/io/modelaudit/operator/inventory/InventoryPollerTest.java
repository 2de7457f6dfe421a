package io.modelaudit.operator.inventory;

import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_ALARMS;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_LOG_GROUPS;
import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_METRIC_FILTERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.HealthAlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.DesiredState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One inventory pass at a time, against the fake, with the poller's requests captured. */
class InventoryPollerTest {

  private static final String REGION = "us-east-1";

  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final CloudWatchGateway gateway = aws.forRegion(REGION);
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final InventoryStore store = new InventoryStore();
  private final List<ModelAudit> resources = new ArrayList<>();
  private final List<String> requested = new ArrayList<>();
  private OperatorConfig config = Fixtures.config();

  @Test
  void inSyncModelAuditsCostOnlyPageReadsAndAskForNothing() {
    addReady(120);
    aws.resetCalls();

    poller().poll(true);

    assertThat(requested).isEmpty();
    // 240 alarms in pages of 100 (no health alarm, so no listing of composite alarms), 120 groups
    // in pages of 50, 240 filters in pages of 50
    assertThat(aws.calls())
        .isEqualTo(Map.of(DESCRIBE_ALARMS, 3, DESCRIBE_LOG_GROUPS, 3, DESCRIBE_METRIC_FILTERS, 5));
    assertThat(store.alarms(REGION).orElseThrow().alarms()).hasSize(240);
    assertThat(store.logGroups(REGION).orElseThrow().groups()).hasSize(120);
  }

  @Test
  void aPushedStateOfAModelAuditSettledSinceTheLastPassAsksForItsRefresh() {
    InventoryPoller poller = poller();
    poller.poll(false);
    // settled after that pass (which, paced, may still be listing)
    ModelAudit audit = addReady(1).get(0);
    String alarm = audit.getStatus().getAlarms().get(0).getAlarmName();

    poller
        .dispatcher()
        .alarmState(
            io.modelaudit.operator.cloudwatch.AwsTarget.own(REGION),
            alarm,
            new io.modelaudit.operator.part.AlarmState("ALARM", "pushed", clock.instant()));

    assertThat(requested).containsExactly(InventoryStore.key(audit));
  }

  @Test
  void anAlarmStatePassListsOnlyTheAlarms() {
    addReady(3);
    aws.resetCalls();

    poller().poll(false);

    assertThat(aws.calls()).isEqualTo(Map.of(DESCRIBE_ALARMS, 1));
    assertThat(requested).isEmpty();
  }

  @Test
  void aRegionWithAHealthAlarmAlsoListsTheCompositeAlarms() {
    addReady(2);
    resources.get(0).getStatus().setHealthAlarm(new HealthAlarmStatus());
    aws.resetCalls();

    poller().poll(false);

    // the metric alarms and the health (composite) alarms: one page each
    assertThat(aws.calls()).isEqualTo(Map.of(DESCRIBE_ALARMS, 2));
  }

  @Test
  void driftAsksForAFullReadWithWhatChanged() {
    addReady(3);
    String group = "/modelaudit/ml/m-1";
    aws.setRetentionOutOfBand(REGION, group, 30);
    aws.deleteAlarmOutOfBand(REGION, "modelaudit-ml/m-2/slow");

    poller().poll(true);

    assertThat(requested).containsExactlyInAnyOrder("ml/m-1", "ml/m-2");
    Trigger trigger = store.takeTrigger("ml/m-1").orElseThrow();
    assertThat(trigger.kind()).isEqualTo(Trigger.Kind.DRIFT);
    assertThat(trigger.findings())
        .containsExactly("retention of " + group + " is 30 days, the spec says 7 days");
    assertThat(store.takeTrigger("ml/m-2").orElseThrow().findings())
        .containsExactly("alarm modelaudit-ml/m-2/slow is missing");
  }

  @Test
  void aMovedAlarmStateAsksForAStatusRefresh() {
    addReady(2);
    aws.setAlarmState(REGION, "modelaudit-ml/m-0/too-many-errors", "ALARM", "7 > 5");

    poller().poll(false);

    assertThat(requested).containsExactly("ml/m-0");
    assertThat(store.takeTrigger("ml/m-0").orElseThrow().kind())
        .isEqualTo(Trigger.Kind.ALARM_STATE);
  }

  @Test
  void modelAuditsThatAreNotSettledAreLeftToTheirOwnRetries() {
    List<ModelAudit> ready = addReady(2);
    ready.get(0).getMetadata().setGeneration(2L);
    ready.get(1).getMetadata().setDeletionTimestamp("2025-03-01T09:00:00Z");
    aws.deleteLogGroupOutOfBand(REGION, "/modelaudit/ml/m-0");
    aws.deleteLogGroupOutOfBand(REGION, "/modelaudit/ml/m-1");

    poller().poll(true);

    assertThat(requested).isEmpty();
  }

  @Test
  void aStatusThatSaysNothingGetsAReconcileAtOnce() {
    List<ModelAudit> ready = addReady(2);
    InventoryPoller poller = poller();
    poller.poll(false);
    assertThat(requested).isEmpty();
    ready.get(0).setStatus(new io.modelaudit.operator.api.v1alpha1.ModelAuditStatus());

    poller.poll(false);

    assertThat(requested).containsExactly("ml/m-0");
  }

  @Test
  void aNewModelAuditWaitingForItsFirstReconcileIsNotAskedForAnother() {
    // Created in bulk, it waits behind the rate limits: JOSDK reconciles it anyway, and a trigger
    // left now would make a second, full reconcile right after the first one.
    ModelAudit created = InventoryFixtures.resource("ml", "new");
    resources.add(created);

    poller().poll(true);

    assertThat(requested).isEmpty();
    assertThat(store.takeTrigger("ml/new")).isEmpty();
  }

  @Test
  void aModelAuditReadInFullAfterTheListingStartedIsSkipped() {
    addReady(1);
    aws.setRetentionOutOfBand(REGION, "/modelaudit/ml/m-0", 30);
    store.markFullRead("ml/m-0", clock.instant().plusSeconds(1));

    poller().poll(true);

    assertThat(requested).isEmpty();
  }

  @Test
  void fullReadsAreSpreadOverTheResyncIntervalAndCappedPerCheck() {
    config =
        Fixtures.config()
            .withResyncInterval(Duration.ofMinutes(100))
            .withInventoryIntervals(Duration.ofMinutes(5), Duration.ofMinutes(1));
    addReady(40);
    InventoryPoller poller = poller();

    poller.poll(true);
    int dueAtStart = requested.size();
    clock.advance(Duration.ofMinutes(200));
    requested.clear();
    poller.poll(true);

    // a stable phase each: at the start only some are due; later every one is, but at most
    // twice the even share (40 * 5 / 100 = 2) goes per check
    assertThat(dueAtStart).isLessThanOrEqualTo(4);
    assertThat(requested).hasSize(4).doesNotHaveDuplicates();
    requested.forEach(
        key ->
            assertThat(store.takeTrigger(key).orElseThrow().kind()).isEqualTo(Trigger.Kind.RESYNC));

    resources.forEach(r -> store.markFullRead(InventoryStore.key(r), clock.instant()));
    requested.clear();
    poller.poll(true);
    assertThat(requested).isEmpty();
  }

  @Test
  void aNewGenerationIsComparedWithItsOwnSpec() {
    ModelAudit audit = addReady(1).get(0);
    InventoryPoller poller = poller();
    poller.poll(true);

    audit.getSpec().getLogGroup().setRetentionInDays(30);
    audit.getMetadata().setGeneration(2L);
    audit.getStatus().setObservedGeneration(2L);
    aws.setRetentionOutOfBand(REGION, "/modelaudit/ml/m-0", 30);
    poller.poll(true);

    assertThat(requested).isEmpty();
  }

  @Test
  void storeForgetsModelAuditsThatAreGone() {
    addReady(2);
    store.markFullRead("ml/gone", clock.instant());
    store.addTrigger("ml/gone", Trigger.resync());

    poller().poll(true);

    assertThat(store.lastFullRead("ml/gone")).isEmpty();
    assertThat(store.takeTrigger("ml/gone")).isEmpty();
  }

  @Test
  void theLogGroupListingUsesTheLongestCommonPrefix() {
    assertThat(InventoryPoller.commonPrefix(Stream.of("/modelaudit/a/x", "/modelaudit/b/y")))
        .isEqualTo("/modelaudit/");
    assertThat(InventoryPoller.commonPrefix(Stream.of("/modelaudit/a/x")))
        .isEqualTo("/modelaudit/a/x");
    assertThat(InventoryPoller.commonPrefix(Stream.of("/a", "/b", "x"))).isEmpty();
    assertThat(InventoryPoller.commonPrefix(Stream.of())).isEmpty();
  }

  @Test
  void triggersMergeToTheStrongestWithAllFindings() {
    store.addTrigger("k", Trigger.alarmState());
    store.addTrigger("k", Trigger.drift(List.of("a")));
    store.addTrigger("k", Trigger.resync());
    store.addTrigger("k", Trigger.drift(List.of("a", "b")));

    Trigger merged = store.takeTrigger("k").orElseThrow();
    assertThat(merged.kind()).isEqualTo(Trigger.Kind.DRIFT);
    assertThat(merged.findings()).containsExactly("a", "b");
    assertThat(store.takeTrigger("k")).isEmpty();
  }

  private InventoryPoller poller() {
    return new InventoryPoller(
        aws,
        config,
        io.modelaudit.operator.accounts.AccountResolver.OWN,
        store,
        () -> resources,
        r -> requested.add(InventoryStore.key(r)),
        clock,
        new Random(7),
        null);
  }

  private List<ModelAudit> addReady(int count) {
    List<ModelAudit> added = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ModelAudit audit = InventoryFixtures.resource("ml", "m-" + i);
      DesiredState desired = InventoryFixtures.desired(audit, config);
      InventoryFixtures.create(gateway, desired);
      InventoryFixtures.markReady(audit, desired, gateway);
      resources.add(audit);
      added.add(audit);
    }
    return added;
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
