package io.modelaudit.operator.reconcile;

import static io.modelaudit.operator.fake.InMemoryCloudWatch.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.part.AlarmSnapshot;
import io.modelaudit.operator.part.Home;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.StatusBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What one full reconcile reads from AWS: a ModelAudit that never wrote to AWS reads only what AWS
 * cannot tell on create, and status after a converge comes from the writes where they tell it.
 */
class SyncReadsTest {

  private static final String REGION = "us-east-1";
  private static final String NAMESPACE = "ml";

  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final CloudWatchGateway gateway = aws.forRegion(REGION);
  private final TickingClock clock = new TickingClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final InventoryStore inventory = new InventoryStore();
  private final OperatorConfig config = Fixtures.config();
  private final Derivation derivation =
      new Derivation(config, io.modelaudit.operator.accounts.AccountResolver.OWN);
  private final MetricClaimants claimants = new MetricClaimants(derivation, config);
  private final Sync sync =
      new Sync(aws, new NoHomeRecorder(), derivation, claimants, inventory, clock, e -> false);
  private final Refresh refresh = new Refresh(aws, derivation, claimants, inventory, sync, clock);

  @Test
  void aNewModelAuditReadsOnlyItsAlarms() {
    ModelAudit audit = audit("fresh", Fixtures.specText("two-alarms"));

    SyncResult result = sync.run(audit, "ml/fresh", List.of());

    assertThat(result.outcome().reason()).isEqualTo(ConditionReason.Synced);
    // before the writes: the alarms by name (PutMetricAlarm would overwrite one that exists);
    // after: their states, which AWS sets; streams, filters and the group (its ARN AWS derives
    // from its name and the account) are known from their own creates, and the group's absence
    // from its create
    assertThat(reads())
        .isEqualTo(Map.of(DESCRIBE_ALARMS, 2, LIST_TAGS_FOR_RESOURCE, 0, DESCRIBE_LOG_GROUPS, 0));
    ModelAuditStatus status = statusOf(audit, result);
    assertThat(status.getLogStreams()).containsExactly("inference");
    assertThat(status.getMetricFilters()).hasSize(2);
    assertThat(status.getAlarms()).hasSize(2).allMatch(a -> a.getState() != null);
    assertThat(status.getLogGroup().getArn())
        .isEqualTo(InMemoryCloudWatch.logGroupArn(REGION, "/modelaudit/ml/fresh"));
  }

  @Test
  void partsANewModelAuditDoesNotWriteAreNotReadAgainAfterTheWrites() {
    ModelAudit audit = audit("plain", Fixtures.specText("two-alarms"));

    SyncResult result = sync.run(audit, "ml/plain", List.of());

    assertThat(result.outcome().reason()).isEqualTo(ConditionReason.Synced);
    // its saved queries are listed once (they are not under the log group); a new group has no
    // data protection policy, subscription filter or index policy, and nothing wrote one
    assertThat(
            Map.of(
                "queries",
                    aws.callCount(
                        io.modelaudit.operator.cloudwatch.Operations.DESCRIBE_QUERY_DEFINITIONS),
                "data protection",
                    aws.callCount(
                        io.modelaudit.operator.cloudwatch.Operations.GET_DATA_PROTECTION_POLICY),
                "subscriptions",
                    aws.callCount(
                        io.modelaudit.operator.cloudwatch.Operations.DESCRIBE_SUBSCRIPTION_FILTERS),
                "index policies",
                    aws.callCount(
                        io.modelaudit.operator.cloudwatch.Operations.DESCRIBE_INDEX_POLICIES)))
        .isEqualTo(
            Map.of("queries", 1, "data protection", 0, "subscriptions", 0, "index policies", 0));
  }

  @Test
  void aGroupPresumedNewThatExistsIsReadInFullAndItsOwnerRespected() {
    String group = "/modelaudit/ml/taken";
    aws.seedLogGroup(
        REGION,
        new LogGroupConfig(group, null, null, "STANDARD", false),
        Map.of(Tags.OWNER, "other/owner"));
    aws.resetCalls();

    SyncResult result = sync.run(audit("taken", Fixtures.STANDARD_SPEC), "ml/taken", List.of());

    assertThat(result.outcome().reason()).isEqualTo(ConditionReason.OwnershipConflict);
    assertThat(result.applied()).isEmpty();
    // the refused create is the only write; the group is then read with its tags
    assertThat(aws.mutatingCallCount()).isEqualTo(1);
    assertThat(aws.callCount(CREATE_LOG_GROUP)).isEqualTo(1);
    assertThat(aws.logGroupTags(REGION, group)).isEqualTo(Map.of(Tags.OWNER, "other/owner"));
    assertThat(aws.logStreams(REGION, group)).isEmpty();
  }

  @Test
  void aGroupNobodyOwnsIsNotTakenOverByAPresumedCreate() {
    String group = "/modelaudit/ml/by-hand";
    aws.seedLogGroup(REGION, new LogGroupConfig(group, 30, null, "STANDARD", false), Map.of());

    SyncResult result = sync.run(audit("by-hand", Fixtures.STANDARD_SPEC), "ml/by-hand", List.of());

    assertThat(result.outcome().reason()).isEqualTo(ConditionReason.AlreadyExists);
    assertThat(aws.logGroup(REGION, group).orElseThrow().config().retentionInDays()).isEqualTo(30);
    assertThat(aws.logGroupTags(REGION, group)).isEmpty();
  }

  @Test
  void aModelAuditThatWroteBeforeIsReadInFull() {
    ModelAudit audit = audit("known", Fixtures.STANDARD_SPEC);
    sync.run(audit, "ml/known", List.of());
    ModelAudit written = withStatus(audit, sync.run(audit, "ml/known", List.of()));
    aws.resetCalls();

    SyncResult again = sync.run(written, "ml/known", List.of());

    assertThat(again.applied()).isEmpty();
    // the group and its tags, streams, filters, alarms by name and by prefix (untracked ones)
    assertThat(aws.callCount(DESCRIBE_LOG_GROUPS)).isEqualTo(1);
    assertThat(aws.callCount(DESCRIBE_LOG_STREAMS)).isEqualTo(1);
    assertThat(aws.callCount(DESCRIBE_METRIC_FILTERS)).isEqualTo(1);
    assertThat(aws.callCount(DESCRIBE_ALARMS)).isEqualTo(2);
  }

  @Test
  void aListingTakenWhileTheConvergeWroteIsNotTrustedAfterwards() {
    ModelAudit audit = audit("listed", Fixtures.STANDARD_SPEC);
    String prefix = config.alarmNamePrefix() + "-";
    // the inventory lists the alarms right after the group is made, before the alarm is
    aws.afterMutatingCalls(
        (number, region, operation) -> {
          if (operation.equals(CREATE_LOG_GROUP)) {
            inventory.put(AlarmSnapshot.of(REGION, clock.instant(), gateway.listAlarms(prefix)));
          }
        });
    ModelAudit ready = withStatus(audit, sync.run(audit, "ml/listed", List.of()));
    aws.afterMutatingCalls(null);
    assertThat(inventory.alarms(REGION).orElseThrow().alarms()).isEmpty();
    aws.resetCalls();

    SyncResult refreshed = refresh.run(ready, "ml/listed", false);

    assertThat(refreshed.drift()).isEmpty();
    assertThat(aws.calls()).isEmpty();
  }

  private Map<String, Integer> reads() {
    return Map.of(
        DESCRIBE_ALARMS,
        aws.callCount(DESCRIBE_ALARMS),
        LIST_TAGS_FOR_RESOURCE,
        aws.callCount(LIST_TAGS_FOR_RESOURCE),
        DESCRIBE_LOG_GROUPS,
        aws.callCount(DESCRIBE_LOG_GROUPS)
            + aws.callCount(DESCRIBE_LOG_STREAMS)
            + aws.callCount(DESCRIBE_METRIC_FILTERS));
  }

  private static ModelAudit audit(String name, String spec) {
    ModelAudit audit = Fixtures.resource(NAMESPACE, name, spec);
    audit.getMetadata().setGeneration(1L);
    audit.getMetadata().setUid("uid-" + name);
    return audit;
  }

  private ModelAuditStatus statusOf(ModelAudit audit, SyncResult result) {
    return StatusBuilder.next(
        audit.getStatus(), 1L, result.outcome(), result.parts(), true, "2026-03-01T10:00:00Z");
  }

  /** The resource as the reconciler leaves it: status written, home recorded. */
  private ModelAudit withStatus(ModelAudit audit, SyncResult result) {
    audit.setStatus(statusOf(audit, result));
    audit
        .getMetadata()
        .setAnnotations(
            new Home(REGION, "/modelaudit/ml/" + audit.getMetadata().getName()).annotations());
    return audit;
  }

  /** Records the home in the copy only: these tests have no API server. */
  private static final class NoHomeRecorder extends HomeRecorder {
    NoHomeRecorder() {
      super(null);
    }

    @Override
    public void record(ModelAudit resource, Home home) {
      resource.getMetadata().setAnnotations(home.annotations());
    }
  }

  /** A clock that moves a millisecond each time it is read, so that instants order events. */
  private static final class TickingClock extends Clock {
    private Instant now;

    TickingClock(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plus(Duration.ofMillis(1));
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
