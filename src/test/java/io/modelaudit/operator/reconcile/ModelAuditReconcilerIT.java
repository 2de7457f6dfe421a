package io.modelaudit.operator.reconcile;

import static io.modelaudit.operator.fake.InMemoryCloudWatch.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator in JOSDK against the CRUD mock API server and the in-memory CloudWatch: each
 * scenario asserts both AWS state and status.
 */
class ModelAuditReconcilerIT {

  private static final String REGION = "us-east-1";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:model-alerts";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static InMemoryCloudWatch aws;
  private static OperatorHarness harness;

  private String namespace;

  @BeforeAll
  static void startOperator() {
    aws = new InMemoryCloudWatch();
    harness = OperatorHarness.start(aws, OperatorHarness.fastConfig());
  }

  @AfterAll
  static void stopOperator() {
    harness.close();
  }

  @BeforeEach
  void freshNamespace() {
    aws.clearFailures();
    aws.clearLatencies();
    namespace = "ml-" + COUNTER.incrementAndGet();
  }

  @Test
  void seedExampleCreatesExactlyTheSeedProgramsResources() {
    ModelAudit seed = Fixtures.example(Fixtures.SEED_EXAMPLE);
    seed.getMetadata().setNamespace(namespace);
    harness.create(seed);

    ModelAudit ready = harness.awaitReady(namespace, "fraud-detector");

    String group = "/modelaudit/" + namespace + "/fraud-detector";
    assertThat(aws.logGroup(REGION, group).orElseThrow().config())
        .isEqualTo(new LogGroupConfig(group, 7, null, "STANDARD", false));
    assertThat(aws.logGroupTags(REGION, group))
        .containsEntry("Environment", "production")
        .containsEntry("Purpose", "AIModelAuditing")
        .containsEntry(Tags.OWNER, namespace + "/fraud-detector")
        .containsEntry(Tags.CLUSTER, "default");
    assertThat(aws.logStreams(REGION, group)).containsExactly("inference");
    assertThat(aws.metricFilters(REGION, group))
        .containsExactly(
            new MetricFilterConfig(
                group,
                "events",
                "[timestamp=*Z, request_id, event, ...]",
                "AIModelAuditing",
                "EventCount",
                "1",
                null,
                null,
                Map.of()));
    String alarmName = "modelaudit-" + namespace + "/fraud-detector/high-event-rate";
    AlarmConfig alarm = aws.alarm(REGION, alarmName).orElseThrow().config();
    assertThat(alarm.metricNamespace()).isEqualTo("AIModelAuditing");
    assertThat(alarm.metricName()).isEqualTo("EventCount");
    assertThat(alarm.statistic()).isEqualTo("Sum");
    assertThat(alarm.period()).isEqualTo(60);
    assertThat(alarm.evaluationPeriods()).isEqualTo(1);
    assertThat(alarm.comparisonOperator()).isEqualTo("GreaterThanThreshold");
    assertThat(alarm.threshold()).isEqualTo(5.0);
    assertThat(alarm.alarmActions()).containsExactly(TOPIC);
    assertThat(alarm.okActions()).containsExactly(TOPIC);
    assertThat(alarm.insufficientDataActions()).isEmpty();
    assertThat(aws.alarmTags(REGION, alarmName))
        .containsEntry(Tags.OWNER, namespace + "/fraud-detector");

    assertThat(ready.getMetadata().getFinalizers()).contains("modelaudit.io/cleanup");
    assertThat(ready.getStatus().getRegion()).isEqualTo(REGION);
    assertThat(ready.getStatus().getLogGroup().getName()).isEqualTo(group);
    assertThat(ready.getStatus().getLogGroup().getArn()).isEqualTo(logGroupArn(REGION, group));
    assertThat(ready.getStatus().getLogGroup().getRetentionInDays()).isEqualTo(7);
    assertThat(ready.getStatus().getLogStreams()).containsExactly("inference");
    assertThat(ready.getStatus().getMetricFilters()).hasSize(1);
    assertThat(ready.getStatus().getMetricFilters().get(0).getMetricName()).isEqualTo("EventCount");
    assertThat(ready.getStatus().getAlarms()).hasSize(1);
    assertThat(ready.getStatus().getAlarms().get(0).getAlarmName()).isEqualTo(alarmName);
    assertThat(ready.getStatus().getAlarms().get(0).getState()).isEqualTo("INSUFFICIENT_DATA");
    assertThat(ready.getStatus().getAlarmState()).isEqualTo("INSUFFICIENT_DATA");
    assertThat(ready.getStatus().getLastSyncedAt()).isNotNull();
    assertThat(Conditions.find(ready.getStatus().getConditions(), "Reconciling").get().getStatus())
        .isEqualTo("False");
    assertThat(Conditions.find(ready.getStatus().getConditions(), "Stalled").get().getStatus())
        .isEqualTo("False");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> reasons(namespace, "fraud-detector").contains("Created"));
  }

  @Test
  void steadyStateMakesNoMutatingCallOverSeveralDriftChecks() {
    create("steady", Fixtures.STANDARD_SPEC);
    harness.awaitReady(namespace, "steady");
    String group = "/modelaudit/" + namespace + "/steady";
    int reads = aws.callCount(DESCRIBE_LOG_GROUPS);
    int mutating = aws.mutatingCallCount();
    String resourceVersion = harness.get(namespace, "steady").getMetadata().getResourceVersion();

    // every drift check (1 s here) lists the log groups: wait for at least three of them
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> aws.callCount(DESCRIBE_LOG_GROUPS) >= reads + 3);

    assertThat(aws.mutatingCallCount()).isEqualTo(mutating);
    assertThat(aws.logGroup(REGION, group)).isPresent();
    assertThat(harness.get(namespace, "steady").getMetadata().getResourceVersion())
        .as("no status patch when nothing changed")
        .isEqualTo(resourceVersion);
  }

  static Stream<Arguments> edits() {
    return Stream.of(
        Arguments.of(
            "retention",
            (Consumer<ModelAudit>) r -> r.getSpec().getLogGroup().setRetentionInDays(30),
            Map.of(PUT_RETENTION_POLICY, 1)),
        Arguments.of(
            "retention removed",
            (Consumer<ModelAudit>) r -> r.getSpec().getLogGroup().setRetentionInDays(null),
            Map.of(DELETE_RETENTION_POLICY, 1)),
        Arguments.of(
            "kms key",
            (Consumer<ModelAudit>)
                r ->
                    r.getSpec()
                        .getLogGroup()
                        .setKmsKeyArn("arn:aws:kms:us-east-1:123456789012:key/abc"),
            Map.of(ASSOCIATE_KMS_KEY, 1)),
        Arguments.of(
            "deletion protection",
            (Consumer<ModelAudit>) r -> r.getSpec().getLogGroup().setDeletionProtection(true),
            Map.of(PUT_LOG_GROUP_DELETION_PROTECTION, 1)),
        Arguments.of(
            "stream added",
            (Consumer<ModelAudit>) r -> r.getSpec().setLogStreams(List.of("inference", "audit")),
            Map.of(CREATE_LOG_STREAM, 1)),
        Arguments.of(
            "filter pattern",
            (Consumer<ModelAudit>) r -> r.getSpec().getMetricFilters().get(0).setPattern("ERROR"),
            Map.of(PUT_METRIC_FILTER, 1)),
        Arguments.of(
            "filter metric value",
            (Consumer<ModelAudit>)
                r -> r.getSpec().getMetricFilters().get(0).getMetric().setValue("$.count"),
            Map.of(PUT_METRIC_FILTER, 1)),
        Arguments.of(
            "alarm threshold",
            (Consumer<ModelAudit>) r -> r.getSpec().getAlarms().get(0).setThreshold(50.0),
            Map.of(PUT_METRIC_ALARM, 1)),
        Arguments.of(
            "alarm period",
            (Consumer<ModelAudit>) r -> r.getSpec().getAlarms().get(0).setPeriod(300),
            Map.of(PUT_METRIC_ALARM, 1)),
        Arguments.of(
            "default topic",
            (Consumer<ModelAudit>)
                r ->
                    r.getSpec()
                        .getNotifications()
                        .setSnsTopicArn("arn:aws:sns:us-east-1:123456789012:other"),
            Map.of(PUT_METRIC_ALARM, 1)),
        Arguments.of(
            "tag value",
            (Consumer<ModelAudit>) r -> r.getSpec().getTags().put("Environment", "staging"),
            Map.of(TAG_RESOURCE, 2)),
        Arguments.of(
            "tag removed",
            (Consumer<ModelAudit>) r -> r.getSpec().getTags().remove("Purpose"),
            Map.of(UNTAG_RESOURCE, 2)),
        Arguments.of(
            "model version",
            (Consumer<ModelAudit>) r -> r.getSpec().getModel().setVersion("3.3"),
            Map.of(TAG_RESOURCE, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void eachEditMakesOnlyTheMatchingWrite(
      String field, Consumer<ModelAudit> edit, Map<String, Integer> expectedWrites) {
    String name = "edit-" + COUNTER.incrementAndGet();
    create(name, Fixtures.STANDARD_SPEC);
    harness.awaitReady(namespace, name);
    Map<String, Integer> before = aws.calls();

    harness.edit(
        namespace,
        name,
        r -> {
          edit.accept(r);
          return r;
        });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mutatingSince(before).equals(expectedWrites));
    ModelAudit ready = harness.awaitReady(namespace, name);

    assertThat(ready.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(mutatingSince(before)).as(field).isEqualTo(expectedWrites);
  }

  @Test
  void filterAndAlarmRemovedFromTheSpecAreDeletedInAws() {
    create("shrink", Fixtures.STANDARD_SPEC);
    harness.awaitReady(namespace, "shrink");
    String group = "/modelaudit/" + namespace + "/shrink";
    String alarm = "modelaudit-" + namespace + "/shrink/too-many-errors";
    assertThat(aws.alarm(REGION, alarm)).isPresent();

    harness.edit(
        namespace,
        "shrink",
        r -> {
          r.getSpec().setAlarms(null);
          r.getSpec().setMetricFilters(null);
          return r;
        });

    ModelAudit ready = harness.awaitReady(namespace, "shrink");
    assertThat(aws.alarm(REGION, alarm)).isEmpty();
    assertThat(aws.metricFilters(REGION, group)).isEmpty();
    assertThat(aws.logGroup(REGION, group)).isPresent();
    assertThat(ready.getStatus().getAlarms()).isNull();
    assertThat(ready.getStatus().getMetricFilters()).isNull();
    assertThat(ready.getStatus().getAlarmState()).isNull();
  }

  @Test
  void retainDeletionKeepsTheGroupAndStreamsOnly() {
    String group = createReadyThenDelete("retain", "Retain");
    assertThat(aws.logGroup(REGION, group)).isPresent();
    assertThat(aws.logStreams(REGION, group)).containsExactly("inference");
    assertThat(aws.metricFilters(REGION, group)).isEmpty();
    assertThat(aws.alarmNames(REGION)).noneMatch(n -> n.contains(namespace + "/"));
  }

  @Test
  void deleteDeletionRemovesEverything() {
    String group = createReadyThenDelete("delete", "Delete");
    assertThat(aws.logGroup(REGION, group)).isEmpty();
    assertThat(aws.alarmNames(REGION)).noneMatch(n -> n.contains(namespace + "/"));
  }

  @Test
  void orphanDeletionTouchesNothing() {
    String group = createReadyThenDelete("orphan", "Orphan");
    assertThat(aws.logGroup(REGION, group)).isPresent();
    assertThat(aws.metricFilters(REGION, group)).hasSize(1);
    assertThat(aws.alarm(REGION, "modelaudit-" + namespace + "/orphan/too-many-errors"))
        .isPresent();
  }

  @Test
  void logGroupOwnedByAnotherModelAuditIsNeverTouched() {
    String group = "/modelaudit/" + namespace + "/taken";
    aws.seedLogGroup(
        REGION,
        new LogGroupConfig(group, 30, null, "STANDARD", false),
        Map.of(Tags.OWNER, "other-team/their-model", Tags.CLUSTER, "default"));
    int mutating = aws.mutatingCallCount();

    create("taken", Fixtures.STANDARD_SPEC);
    ModelAudit stalled =
        harness.awaitCondition(namespace, "taken", Conditions.STALLED, "OwnershipConflict");

    assertThat(
            Conditions.find(stalled.getStatus().getConditions(), Conditions.STALLED)
                .orElseThrow()
                .getMessage())
        .contains("other-team/their-model");
    assertThat(aws.mutatingCallCount()).isEqualTo(mutating);
    assertThat(aws.logGroup(REGION, group).orElseThrow().config().retentionInDays()).isEqualTo(30);

    harness.delete(namespace, "taken");
    harness.awaitGone(namespace, "taken");
    assertThat(aws.logGroup(REGION, group)).isPresent();
    assertThat(aws.logGroupTags(REGION, group)).containsEntry(Tags.OWNER, "other-team/their-model");
  }

  @Test
  void alarmOwnedByAnotherClusterIsNeverTouched() {
    String alarmName = "modelaudit-" + namespace + "/shared/too-many-errors";
    aws.seedAlarm(
        REGION,
        foreignAlarm(alarmName),
        Map.of(Tags.OWNER, namespace + "/shared", Tags.CLUSTER, "other-cluster"));

    create("shared", Fixtures.STANDARD_SPEC);
    harness.awaitCondition(namespace, "shared", Conditions.STALLED, "OwnershipConflict");
    assertThat(aws.alarm(REGION, alarmName).orElseThrow().config().threshold()).isEqualTo(1.0);
  }

  @Test
  void untaggedGroupIsRefusedUnlessAdoptExisting() {
    String group = "/modelaudit/" + namespace + "/legacy";
    aws.seedLogGroup(REGION, new LogGroupConfig(group, null, null, "STANDARD", false), Map.of());

    create("legacy", Fixtures.STANDARD_SPEC);
    harness.awaitCondition(namespace, "legacy", Conditions.STALLED, "AlreadyExists");
    assertThat(aws.logGroupTags(REGION, group)).doesNotContainKey(Tags.OWNER);

    harness.edit(
        namespace,
        "legacy",
        r -> {
          r.getSpec().setAdoptExisting(true);
          return r;
        });
    harness.awaitReady(namespace, "legacy");
    assertThat(aws.logGroupTags(REGION, group)).containsEntry(Tags.OWNER, namespace + "/legacy");
    assertThat(aws.logGroup(REGION, group).orElseThrow().config().retentionInDays()).isEqualTo(7);
  }

  @Test
  void transientFailureIsRetriedUntilReady() {
    aws.failNext(CREATE_LOG_GROUP, Kind.TRANSIENT, 2);
    aws.failNext(PUT_METRIC_ALARM, Kind.TRANSIENT, 1);

    create("flaky", Fixtures.STANDARD_SPEC);

    harness.awaitReady(namespace, "flaky");
    assertThat(reasons(namespace, "flaky")).contains("TransientError");
    assertThat(aws.logGroupNames(REGION)).containsOnlyOnce("/modelaudit/" + namespace + "/flaky");
  }

  @Test
  void accessDeniedStallsWithAClearMessage() {
    aws.failAlways(CREATE_LOG_GROUP, Kind.PERMISSION);
    create("denied", Fixtures.STANDARD_SPEC);
    ModelAudit stalled =
        harness.awaitCondition(namespace, "denied", Conditions.STALLED, "AccessDenied");
    assertThat(
            Conditions.find(stalled.getStatus().getConditions(), Conditions.STALLED)
                .orElseThrow()
                .getMessage())
        .contains("CreateLogGroup")
        .contains("IAM");
    aws.clearFailures();
  }

  @Test
  void awsDownWhileDeletingKeepsTheFinalizerUntilCleanupSucceeds() {
    create(
        "outage",
        Fixtures.STANDARD_SPEC.replace("deletionPolicy: Retain", "deletionPolicy: Delete"));
    harness.awaitReady(namespace, "outage");
    String group = "/modelaudit/" + namespace + "/outage";

    aws.failAll(Kind.TRANSIENT);
    harness.delete(namespace, "outage");
    ModelAudit deleting =
        harness.awaitCondition(namespace, "outage", Conditions.RECONCILING, "Deleting");
    assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(deleting.getMetadata().getFinalizers()).contains("modelaudit.io/cleanup");
    int failedCalls = totalCalls();
    await().atMost(Duration.ofSeconds(10)).until(() -> totalCalls() > failedCalls + 2);
    assertThat(harness.get(namespace, "outage")).as("still waiting for AWS").isNotNull();
    assertThat(aws.logGroup(REGION, group)).isPresent();

    aws.clearFailures();
    harness.awaitGone(namespace, "outage");
    assertThat(aws.logGroup(REGION, group)).isEmpty();
    assertThat(aws.alarmNames(REGION)).noneMatch(n -> n.contains(namespace + "/"));
  }

  @Test
  void changingTheLogGroupNameIsRefused() {
    create("rename", Fixtures.STANDARD_SPEC);
    harness.awaitReady(namespace, "rename");
    int mutating = aws.mutatingCallCount();

    harness.edit(
        namespace,
        "rename",
        r -> {
          r.getSpec().getLogGroup().setName("/modelaudit/" + namespace + "/renamed");
          return r;
        });

    harness.awaitCondition(namespace, "rename", Conditions.STALLED, "ImmutableFieldChanged");
    assertThat(aws.mutatingCallCount()).isEqualTo(mutating);
    assertThat(aws.logGroup(REGION, "/modelaudit/" + namespace + "/renamed")).isEmpty();
  }

  // ---- helpers ----

  private void create(String name, String specYaml) {
    harness.create(Fixtures.withOwnMetrics(Fixtures.resource(namespace, name, specYaml)));
  }

  private String createReadyThenDelete(String name, String policy) {
    create(
        name,
        Fixtures.STANDARD_SPEC.replace("deletionPolicy: Retain", "deletionPolicy: " + policy));
    harness.awaitReady(namespace, name);
    harness.delete(namespace, name);
    harness.awaitGone(namespace, name);
    return "/modelaudit/" + namespace + "/" + name;
  }

  private static AlarmConfig foreignAlarm(String name) {
    return new AlarmConfig(
        name,
        null,
        "Other",
        "Metric",
        Map.of(),
        "Sum",
        null,
        60,
        1,
        null,
        "GreaterThanThreshold",
        1.0,
        null,
        true,
        List.of(),
        List.of(),
        List.of(),
        null);
  }

  private static int totalCalls() {
    return aws.calls().values().stream().mapToInt(Integer::intValue).sum();
  }

  private static Map<String, Integer> mutatingSince(Map<String, Integer> before) {
    Map<String, Integer> now = aws.calls();
    Map<String, Integer> diff = new java.util.TreeMap<>();
    for (String op : MUTATING_OPERATIONS) {
      int delta = now.getOrDefault(op, 0) - before.getOrDefault(op, 0);
      if (delta != 0) {
        diff.put(op, delta);
      }
    }
    return diff;
  }

  private static List<String> reasons(String namespace, String name) {
    return harness.events(namespace, name).stream().map(Event::getReason).toList();
  }
}
