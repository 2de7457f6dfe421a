package io.modelaudit.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.Home;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The trust issue's scenarios, with the operator running against the in-memory CloudWatch: a
 * hand-made audit trail adopted and then deleted, a trail kept from an earlier ModelAudit of the
 * same name, a status lost between a create and its patch, and deletions that must not touch AWS.
 * Each scenario failed before ownership carried a uid and an origin.
 */
class AdoptionIT {

  private static final String REGION = "us-east-1";
  private static final String NS = "ml";
  private static final String GROUP = "/modelaudit/ml/legacy";

  private InMemoryCloudWatch aws;
  private OperatorHarness harness;

  @BeforeEach
  void start() {
    aws = new InMemoryCloudWatch();
    harness = OperatorHarness.start(aws, OperatorHarness.fastConfig());
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** The issue's own reproduction: retention, foreign tag, foreign filter and history survive. */
  @Test
  void adoptingThenDeletingAHandMadeTrailKeepsEverythingTheOperatorDidNotMake() {
    handMadeTrail();

    harness.create(adopting("legacy", "Delete"));
    ModelAudit ready = harness.awaitReady(NS, "legacy");

    assertThat(aws.logGroup(REGION, GROUP).orElseThrow().config().retentionInDays())
        .as("the spec says nothing of retention: left as found")
        .isEqualTo(3653);
    assertThat(aws.logGroupTags(REGION, GROUP))
        .containsEntry("Owner", "security")
        .containsEntry(Tags.ORIGIN, Tags.ADOPTED)
        .containsEntry(Tags.OWNER_UID, ready.getMetadata().getUid());
    ModelAuditStatus status = ready.getStatus();
    assertThat(status.getAdoption().getLogStreams()).containsExactly("history");
    assertThat(status.getAdoption().getMetricFilters()).containsExactly("root-login");
    assertThat(status.getAdoption().getTagKeys()).containsExactly("Owner");
    assertThat(status.getLogGroup().getRetentionInDays()).isEqualTo(3653);
    assertThat(aws.metricFilters(REGION, GROUP))
        .extracting(MetricFilterConfig::filterName)
        .containsExactlyInAnyOrder("root-login", "errors");

    harness.delete(NS, "legacy");
    harness.awaitGone(NS, "legacy");

    assertThat(aws.logGroup(REGION, GROUP)).as("the adopted group is kept").isPresent();
    assertThat(aws.logStreams(REGION, GROUP)).contains("history").doesNotContain("inference");
    assertThat(aws.metricFilters(REGION, GROUP))
        .extracting(MetricFilterConfig::filterName)
        .containsExactly("root-login");
    assertThat(aws.alarmNames(REGION)).isEmpty();
    assertThat(aws.logGroupTags(REGION, GROUP))
        .as("given back as found: the foreign tag stays, the operator's go")
        .containsExactly(Map.entry("Owner", "security"));
    assertThat(aws.logGroup(REGION, GROUP).orElseThrow().config().retentionInDays())
        .isEqualTo(3653);
  }

  @Test
  void settingAdoptExistingBackToFalseAndAnInvalidSpecAtDeletionStillKeepTheTrail() {
    handMadeTrail();
    harness.create(adopting("legacy", "Delete"));
    harness.awaitReady(NS, "legacy");

    harness.edit(
        NS,
        "legacy",
        a -> {
          a.getSpec().setAdoptExisting(false);
          return a;
        });
    harness.awaitStatus(
        NS,
        "legacy",
        a ->
            a.getStatus().getObservedGeneration() == a.getMetadata().getGeneration()
                && Conditions.isTrue(a.getStatus().getConditions(), Conditions.READY));
    assertThat(aws.logStreams(REGION, GROUP)).contains("history");
    assertThat(aws.metricFilters(REGION, GROUP))
        .extracting(MetricFilterConfig::filterName)
        .contains("root-login");

    harness.edit(
        NS,
        "legacy",
        a -> {
          a.getSpec().getLogGroup().setRetentionInDays(10); // not a CloudWatch value
          return a;
        });
    harness.awaitCondition(NS, "legacy", Conditions.STALLED, "InvalidSpec");
    harness.delete(NS, "legacy");
    harness.awaitGone(NS, "legacy");

    assertThat(aws.logGroup(REGION, GROUP)).isPresent();
    assertThat(aws.logStreams(REGION, GROUP)).contains("history");
    assertThat(aws.metricFilters(REGION, GROUP))
        .extracting(MetricFilterConfig::filterName)
        .containsExactly("root-login");
  }

  @Test
  void aTrailKeptFromAnEarlierModelAuditOfTheSameNameIsNotTakenOverSilently() {
    harness.create(Fixtures.resource(NS, "churn", "logStreams: [events]\n"));
    harness.awaitReady(NS, "churn");
    harness.delete(NS, "churn"); // Retain: the group and its stream stay
    harness.awaitGone(NS, "churn");
    String group = "/modelaudit/ml/churn";
    assertThat(aws.logGroup(REGION, group)).isPresent();

    harness.create(Fixtures.resource(NS, "churn", "logStreams: [events]\n"));
    ModelAudit refused = harness.awaitCondition(NS, "churn", Conditions.STALLED, "AlreadyExists");
    assertThat(Conditions.find(refused.getStatus().getConditions(), Conditions.STALLED))
        .get()
        .extracting(c -> c.getMessage())
        .asString()
        .contains("earlier, deleted ModelAudit ml/churn")
        .contains("adoptExisting");

    harness.edit(
        NS,
        "churn",
        a -> {
          a.getSpec().setAdoptExisting(true);
          a.getSpec().setDeletionPolicy("Delete");
          return a;
        });
    harness.awaitReady(NS, "churn");
    harness.delete(NS, "churn");
    harness.awaitGone(NS, "churn");
    assertThat(aws.logGroup(REGION, group))
        .as("adopted from the earlier incarnation, so never deleted")
        .isPresent();
    assertThat(aws.logStreams(REGION, group)).contains("events");
  }

  @Test
  void aLostStatusDoesNotMakeTheLogGroupNameMutable() {
    harness.create(Fixtures.resource(NS, "fraud", "logStreams: [events]\n"));
    harness.awaitReady(NS, "fraud");
    assertThat(harness.get(NS, "fraud").getMetadata().getAnnotations())
        .containsEntry(Home.REGION_ANNOTATION, REGION)
        .containsEntry(Home.LOG_GROUP_ANNOTATION, "/modelaudit/ml/fraud");

    // a crash between CreateLogGroup and the status patch leaves no status at all
    harness.stopOperator();
    harness
        .client()
        .resource(harness.get(NS, "fraud"))
        .editStatus(
            a -> {
              a.setStatus(null);
              return a;
            });
    harness.edit(
        NS,
        "fraud",
        a -> {
          a.getSpec().setLogGroup(new io.modelaudit.operator.api.v1alpha1.LogGroupSpec());
          a.getSpec().getLogGroup().setName("/modelaudit/ml/fraud-v2");
          return a;
        });
    harness.startOperator();

    ModelAudit stalled =
        harness.awaitCondition(NS, "fraud", Conditions.STALLED, "ImmutableFieldChanged");
    assertThat(Conditions.find(stalled.getStatus().getConditions(), Conditions.STALLED))
        .get()
        .extracting(c -> c.getMessage())
        .asString()
        .contains("spec.logGroup.name")
        .contains("/modelaudit/ml/fraud");
    assertThat(aws.logGroupNames(REGION)).containsExactly("/modelaudit/ml/fraud");
  }

  @Test
  void deletingAModelAuditThatNeverCreatedAnythingMakesNoAwsCall() {
    ModelAudit invalid = Fixtures.resource(NS, "never", "logStreams: [events]\n");
    invalid.getSpec().setRegion("not a region");
    harness.create(invalid);
    harness.awaitCondition(NS, "never", Conditions.STALLED, "InvalidSpec");
    aws.resetCalls();

    harness.delete(NS, "never");
    harness.awaitGone(NS, "never");

    assertThat(aws.calls()).as("AWS calls while deleting").isEmpty();
  }

  @Test
  void aDroppedAlarmThatIsNoLongerOursIsNotReadAgainAndAgain() {
    String spec =
        """
        logStreams: [events]
        metricFilters:
          - name: errors
            pattern: ERROR
            metric: {namespace: ML/Fraud, name: Errors, value: "1"}
        alarms:
          - {name: a, metricFilter: errors, statistic: Sum, period: 60, evaluationPeriods: 1,
             comparisonOperator: GreaterThanThreshold, threshold: 1}
          - {name: b, metricFilter: errors, statistic: Sum, period: 60, evaluationPeriods: 1,
             comparisonOperator: GreaterThanThreshold, threshold: 2}
        """;
    harness.create(Fixtures.resource(NS, "drop", spec));
    harness.awaitReady(NS, "drop");
    String b = "modelaudit-ml/drop/b";
    aws.putTagOutOfBand(aws.alarm(REGION, b).orElseThrow().arn(), Tags.OWNER, "other/owner");

    harness.edit(
        NS,
        "drop",
        a -> {
          a.getSpec().getAlarms().remove(1);
          return a;
        });
    harness.awaitStatus(
        NS,
        "drop",
        a ->
            a.getStatus().getObservedGeneration() == a.getMetadata().getGeneration()
                && a.getStatus().getAlarms().size() == 1);
    assertThat(aws.alarm(REGION, b)).as("not ours: never deleted").isPresent();

    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    int listed = aws.callCount("ListTagsForResource");
    await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
    assertThat(aws.callCount("ListTagsForResource"))
        .as("no full read per inventory pass (every second here)")
        .isEqualTo(listed);
  }

  // ---- helpers ----

  /** A log group made by hand, long before any ModelAudit: the shape. */
  private void handMadeTrail() {
    aws.seedLogGroup(
        REGION,
        new LogGroupConfig(GROUP, 3653, null, "STANDARD", false),
        Map.of("Owner", "security"));
    aws.forRegion(REGION).createLogStream(GROUP, "history");
    aws.putMetricFilterOutOfBand(
        REGION,
        new MetricFilterConfig(
            GROUP,
            "root-login",
            "{ $.user = \"root\" }",
            "Security",
            "RootLogins",
            "1",
            null,
            null,
            null));
  }

  private static ModelAudit adopting(String name, String policy) {
    return Fixtures.resource(
        NS,
        name,
        """
        logGroup: {name: /modelaudit/ml/legacy}
        logStreams: [inference]
        adoptExisting: true
        deletionPolicy: %s
        metricFilters:
          - name: errors
            pattern: '{ $.level = "ERROR" }'
            metric: {namespace: ML/Legacy, name: ErrorCount, value: "1"}
        alarms:
          - name: too-many-errors
            metricFilter: errors
            statistic: Sum
            period: 60
            evaluationPeriods: 1
            comparisonOperator: GreaterThanThreshold
            threshold: 5
        """
            .formatted(policy));
  }

  @SuppressWarnings("unused")
  private boolean hasEvent(String name, String reason) {
    return harness.events(NS, name).stream().map(Event::getReason).anyMatch(reason::equals);
  }
}
