package io.modelaudit.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenants that cannot touch each other. Two operators run: one with the default policy (log groups
 * only under /modelaudit/&lt;namespace&gt;/, SNS topics of the operator's own account as actions)
 * and one whose policy is widened to any log group name but narrowed to the SNS topics of one
 * account named {@code allowed-*}. Whatever a tenant writes, it can neither read into its status,
 * change nor delete another tenant's resources, and each refusal is Stalled with a message that
 * says what to change.
 */
class TenancyIT {

  private static final String REGION = "us-east-1";
  private static final String SHARED_GROUP = "/shared/audit-log";
  private static final String ALLOWED_TOPIC = "arn:aws:sns:us-east-1:123456789012:allowed-alerts";

  private static final OperatorConfig STRICT = OperatorHarness.fastConfig();
  private static final OperatorConfig WIDE =
      OperatorHarness.fastConfig()
          .withLogGroupPrefixTemplate("")
          .withAllowedActionArnPatterns(
              List.of("^arn:aws:sns:[a-z0-9-]+:123456789012:allowed-.+$"));

  private static InMemoryCloudWatch strictAws;
  private static OperatorHarness strict;
  private static InMemoryCloudWatch wideAws;
  private static OperatorHarness wide;

  /**
   * The default policy with drift checks so rare (10 minutes) that a Stalled ModelAudit's own
   * requeue never fires during a test: what makes a refused ModelAudit converge here is the
   * operator noticing that the metric's holder let go of it.
   */
  private static final OperatorConfig ISOLATED =
      OperatorHarness.fastConfig()
          .withInventoryIntervals(Duration.ofMinutes(10), Duration.ofMinutes(10));

  private static InMemoryCloudWatch isolatedAws;
  private static OperatorHarness isolated;

  @BeforeAll
  static void startOperators() {
    strictAws = new InMemoryCloudWatch();
    strict = OperatorHarness.start(strictAws, STRICT);
    wideAws = new InMemoryCloudWatch();
    wide = OperatorHarness.start(wideAws, WIDE);
    isolatedAws = new InMemoryCloudWatch();
    isolated = OperatorHarness.start(isolatedAws, ISOLATED);
  }

  @AfterAll
  static void stopOperators() {
    strict.close();
    wide.close();
    isolated.close();
  }

  @Test
  void aSecondTenantAimingAtTheSameLogGroupIsRefusedAndItsDeletionLeavesTheGroupIntact() {
    wide.create(tenant("team-a", "model", SHARED_GROUP, "Retain", 7));
    ModelAudit owner = wide.awaitReady("team-a", "model");
    Map<String, String> ownerTags = wideAws.logGroupTags(REGION, SHARED_GROUP);
    List<MetricFilterConfig> ownerFilters = wideAws.metricFilters(REGION, SHARED_GROUP);
    int mutating = wideAws.mutatingCallCount();

    wide.create(tenant("team-b", "model", SHARED_GROUP, "Delete", 30));
    String message = stalled(wide, "team-b", "model", "OwnershipConflict");

    assertThat(message)
        .contains("log group " + SHARED_GROUP)
        .contains("belongs to ModelAudit team-a/model")
        .contains("choose another name");
    assertThat(wideAws.mutatingCallCount()).as("not a single write").isEqualTo(mutating);
    ModelAudit refused = wide.get("team-b", "model");
    assertThat(refused.getStatus().getLogGroup())
        .as("nothing of the other tenant's group leaks into the status")
        .isNull();
    assertThat(refused.getStatus().getAlarms()).isNull();

    wide.delete("team-b", "model");
    wide.awaitGone("team-b", "model");

    assertThat(wideAws.logGroup(REGION, SHARED_GROUP).orElseThrow().config().retentionInDays())
        .isEqualTo(7);
    assertThat(wideAws.logGroupTags(REGION, SHARED_GROUP)).isEqualTo(ownerTags);
    assertThat(wideAws.logStreams(REGION, SHARED_GROUP)).containsExactly("events");
    assertThat(wideAws.metricFilters(REGION, SHARED_GROUP)).isEqualTo(ownerFilters);
    assertThat(wideAws.alarm(REGION, "modelaudit-team-a/model/too-many-errors")).isPresent();
    assertThat(wideAws.mutatingCallCount()).isEqualTo(mutating);
    assertThat(wide.awaitReady("team-a", "model").getStatus().getLogGroup())
        .isEqualTo(owner.getStatus().getLogGroup());
  }

  @Test
  void adoptExistingDoesNotAdoptAnotherTenantsGroup() {
    String group = "/shared/adopt-me-not";
    wide.create(tenant("team-c", "model", group, "Retain", 7));
    wide.awaitReady("team-c", "model");
    int mutating = wideAws.mutatingCallCount();

    ModelAudit thief = tenant("team-d", "model", group, "Delete", 1);
    thief.getSpec().setAdoptExisting(true);
    wide.create(thief);

    stalled(wide, "team-d", "model", "OwnershipConflict");
    wide.delete("team-d", "model");
    wide.awaitGone("team-d", "model");
    assertThat(wideAws.logGroupTags(REGION, group)).containsEntry(Tags.OWNER, "team-c/model");
    assertThat(wideAws.logGroup(REGION, group).orElseThrow().config().retentionInDays())
        .isEqualTo(7);
    assertThat(wideAws.mutatingCallCount()).isEqualTo(mutating);
  }

  @Test
  void tenantsClaimingTheSameGroupAtOnceEndWithExactlyOneOwner() {
    String group = "/shared/contested";
    for (String team : List.of("team-e", "team-f", "team-g")) {
      wide.create(tenant(team, "model", group, "Delete", 7));
    }

    String owner = awaitOwner(group);
    String ownerNamespace = owner.substring(0, owner.indexOf('/'));
    wide.awaitReady(ownerNamespace, "model");
    for (String team : List.of("team-e", "team-f", "team-g")) {
      if (!team.equals(ownerNamespace)) {
        assertThat(stalled(wide, team, "model", "OwnershipConflict")).contains(owner);
        wide.delete(team, "model");
        wide.awaitGone(team, "model");
      }
    }
    assertThat(wideAws.logGroupTags(REGION, group)).containsEntry(Tags.OWNER, owner);
    assertThat(wideAws.logStreams(REGION, group)).containsExactly("events");
    assertThat(wideAws.metricFilters(REGION, group)).hasSize(1);
  }

  @Test
  void anAlarmOfTheSameNameOwnedByAnotherClusterIsNeverTouchedNorDeleted() {
    String alarm = "modelaudit-team-h/model/too-many-errors";
    wideAws.seedAlarm(
        REGION,
        alarmConfig(alarm, 99.0),
        Map.of(Tags.OWNER, "team-h/model", Tags.CLUSTER, "another-cluster"));

    wide.create(tenant("team-h", "model", "/team-h/model", "Delete", 7));
    String message = stalled(wide, "team-h", "model", "OwnershipConflict");
    assertThat(message).contains("alarm " + alarm).contains("of cluster another-cluster");

    wide.delete("team-h", "model");
    wide.awaitGone("team-h", "model");
    assertThat(wideAws.alarm(REGION, alarm).orElseThrow().config().threshold()).isEqualTo(99.0);
    assertThat(wideAws.alarmTags(REGION, alarm)).containsEntry(Tags.CLUSTER, "another-cluster");
  }

  @Test
  void logGroupsOutsideTheNamespacePrefixAreAPolicyViolation() {
    for (String name :
        List.of("/modelaudit/team-a/model", "/modelaudit/team-b-2/model", "/aws/lambda/payments")) {
      String resource = "outside-" + Math.abs(name.hashCode());
      strict.create(tenant("team-b", resource, name, "Delete", 7));
      String message = stalled(strict, "team-b", resource, "PolicyViolation");
      assertThat(message)
          .contains("spec.logGroup.name: must start with \"/modelaudit/team-b/\"")
          .contains(name);
    }
    assertThat(strictAws.callCountInRegion(REGION)).isZero();
  }

  @Test
  void alarmActionsThatAreNoSnsTopicsAreAPolicyViolation() {
    List<String> actions =
        List.of(
            "arn:aws:automate:us-east-1:ec2:terminate",
            "arn:aws:lambda:us-east-1:123456789012:function:wipe",
            "arn:aws:ssm:us-east-1:123456789012:opsitem:high#CATEGORY=Security",
            "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:x:autoScalingGroupName/g:policyName/p");
    int i = 0;
    for (String action : actions) {
      String name = "action-" + i++;
      ModelAudit audit = tenant("team-i", name, null, "Delete", 7);
      audit.getSpec().getAlarms().get(0).setActions(actions(action));
      strict.create(audit);
      String message = stalled(strict, "team-i", name, "PolicyViolation");
      assertThat(message)
          .contains("spec.alarms[0].actions.alarm[0]: is not allowed by the operator's policy")
          .contains("must match " + OperatorConfig.DEFAULT_ALLOWED_ACTION_ARNS);
    }
    assertThat(strictAws.callCountInRegion(REGION)).isZero();
  }

  @Test
  void byDefaultTopicsOfAnotherAccountAreAPolicyViolationWithoutNamingTheOperatorsAccount() {
    // a region of its own: other tests count the calls in REGION
    String region = "eu-west-3";
    ModelAudit foreign = tenant("team-l", "foreign", null, "Delete", 7);
    foreign.getSpec().getNotifications().setSnsTopicArn("arn:aws:sns:us-east-1:999999999999:exfil");
    io.modelaudit.operator.Fixtures.inRegion(foreign.getSpec(), region);
    strict.create(foreign);

    String message = stalled(strict, "team-l", "foreign", "PolicyViolation");

    assertThat(message)
        .contains("spec.notifications.snsTopicArn: is not allowed by the operator's policy")
        .contains("{account} is the operator's own AWS account")
        .contains("999999999999:exfil")
        .doesNotContain(io.modelaudit.operator.Fixtures.ACCOUNT_ID);
    assertThat(strictAws.callCountInRegion(region)).isZero();

    ModelAudit own = tenant("team-l", "own", null, "Delete", 7);
    io.modelaudit.operator.Fixtures.inRegion(own.getSpec(), region);
    strict.create(own);
    strict.awaitReady("team-l", "own");
  }

  @Test
  void actionsOutsideTheConfiguredAllowlistAreAPolicyViolation() {
    ModelAudit foreignTopic = tenant("team-j", "foreign", "/team-j/foreign", "Delete", 7);
    foreignTopic
        .getSpec()
        .getNotifications()
        .setSnsTopicArn("arn:aws:sns:us-east-1:999999999999:exfil");
    wide.create(foreignTopic);
    assertThat(stalled(wide, "team-j", "foreign", "PolicyViolation"))
        .contains("spec.notifications.snsTopicArn: is not allowed by the operator's policy")
        .contains("999999999999:exfil");

    ModelAudit otherTopic = tenant("team-j", "other", "/team-j/other", "Delete", 7);
    otherTopic
        .getSpec()
        .getAlarms()
        .get(0)
        .setActions(actions("arn:aws:sns:us-east-1:123456789012:not-allowed"));
    wide.create(otherTopic);
    assertThat(stalled(wide, "team-j", "other", "PolicyViolation"))
        .contains("spec.alarms[0].actions.alarm[0]")
        .contains("allowed-.+");

    assertThat(wideAws.logGroup(REGION, "/team-j/foreign")).isEmpty();
    assertThat(wideAws.logGroup(REGION, "/team-j/other")).isEmpty();

    ModelAudit allowed = tenant("team-j", "allowed", "/team-j/allowed", "Delete", 7);
    wide.create(allowed);
    wide.awaitReady("team-j", "allowed");
  }

  @Test
  void aDenialTellsTheTenantTheActionButNotTheOperatorsRoleNorAccount() {
    String region = "eu-central-1";
    strictAws.injectFaults(
        (r, operation) ->
            r.equals(region) && operation.equals(InMemoryCloudWatch.PUT_METRIC_ALARM)
                ? io.modelaudit.operator.cloudwatch.GatewayException.Kind.PERMISSION
                : null);
    try {
      ModelAudit audit = tenant("team-k", "denied", null, "Delete", 7);
      Fixtures.inRegion(audit.getSpec(), region);
      strict.create(audit);

      String message = stalled(strict, "team-k", "denied", "AccessDenied");

      assertThat(message)
          .contains("PutMetricAlarm")
          .contains("alarm modelaudit-team-k/denied/too-many-errors")
          .contains("deploy/iam-policy.json");
      List<String> tenantReadable = new java.util.ArrayList<>(List.of(message));
      strict.events("team-k", "denied").forEach(e -> tenantReadable.add(e.getMessage()));
      assertThat(tenantReadable)
          .as("status and events")
          .noneMatch(text -> text.contains("assumed-role"))
          .noneMatch(text -> text.contains("arn:aws:sts"))
          .noneMatch(text -> text.contains("is not authorized"));
      strict.delete("team-k", "denied");
      strict.awaitGone("team-k", "denied");
    } finally {
      strictAws.injectFaults(null);
    }
  }

  // ---- metric isolation: no ModelAudit's events move another's alarm ----

  @Test
  void twoNamespacesCopyingTheSeedDoNotShareItsMetric() {
    isolated.create(seedIn("team-s1", "fraud"));
    isolated.awaitReady("team-s1", "fraud");
    int mutating = isolatedAws.mutatingCallCount();

    isolated.create(seedIn("team-s2", "chat"));
    String message = stalled(isolated, "team-s2", "chat", "MetricConflict");

    assertThat(message)
        .contains("spec.metricFilters[0].metric:")
        .contains("AIModelAuditing/EventCount")
        .contains("ModelAudit team-s1/fraud");
    assertThat(isolatedAws.mutatingCallCount()).as("not a single write").isEqualTo(mutating);
    assertThat(isolatedAws.logGroup(REGION, "/modelaudit/team-s2/chat")).isEmpty();
    assertThat(publishers("AIModelAuditing", "EventCount"))
        .containsExactly("/modelaudit/team-s1/fraud");
    assertThat(isolated.get("team-s2", "chat").getStatus().getAlarms()).isNull();

    isolated.edit(
        "team-s2",
        "chat",
        r -> {
          r.getSpec().getMetricFilters().get(0).getMetric().setNamespace("AIModelAuditing/team-s2");
          return r;
        });
    isolated.awaitReady("team-s2", "chat");
    assertThat(publishers("AIModelAuditing", "EventCount"))
        .containsExactly("/modelaudit/team-s1/fraud");
    assertThat(publishers("AIModelAuditing/team-s2", "EventCount"))
        .containsExactly("/modelaudit/team-s2/chat");
  }

  @Test
  void whenTheHolderIsDeletedTheRefusedModelAuditTakesTheMetricWithoutHelp() {
    isolated.create(seedIn("team-s3", "first", "Shared/Deleted"));
    isolated.awaitReady("team-s3", "first");
    isolated.create(seedIn("team-s4", "second", "Shared/Deleted"));
    stalled(isolated, "team-s4", "second", "MetricConflict");

    isolated.delete("team-s3", "first");

    isolated.awaitReady("team-s4", "second");
    assertThat(publishers("Shared/Deleted", "EventCount"))
        .containsExactly("/modelaudit/team-s4/second");
  }

  @Test
  void whenTheHolderStopsPublishingTheRefusedModelAuditTakesTheMetricWithoutHelp() {
    isolated.create(seedIn("team-s5", "first", "Shared/Renamed"));
    isolated.awaitReady("team-s5", "first");
    isolated.create(seedIn("team-s6", "second", "Shared/Renamed"));
    stalled(isolated, "team-s6", "second", "MetricConflict");

    isolated.edit(
        "team-s5",
        "first",
        r -> {
          r.getSpec().getMetricFilters().get(0).getMetric().setName("Renamed");
          return r;
        });

    isolated.awaitReady("team-s6", "second");
    assertThat(publishers("Shared/Renamed", "EventCount"))
        .containsExactly("/modelaudit/team-s6/second");
    assertThat(publishers("Shared/Renamed", "Renamed"))
        .containsExactly("/modelaudit/team-s5/first");
  }

  @Test
  void anAlarmMayNotWatchAMetricAnotherModelAuditPublishes() {
    // team-s7 publishes into the metric namespace the policy gives team-s8
    isolated.create(seedIn("team-s7", "squatter", "AIModelAuditing/team-s8"));
    isolated.awaitReady("team-s7", "squatter");
    int mutating = isolatedAws.mutatingCallCount();

    isolated.create(watcher("team-s8", "reader", "AIModelAuditing/team-s8", "EventCount"));
    String message = stalled(isolated, "team-s8", "reader", "MetricConflict");

    assertThat(message)
        .contains("spec.alarms[0].metric:")
        .contains("AIModelAuditing/team-s8/EventCount")
        .contains("ModelAudit team-s7/squatter");
    assertThat(isolatedAws.mutatingCallCount()).isEqualTo(mutating);
    assertThat(isolatedAws.alarm(REGION, "modelaudit-team-s8/reader/watch")).isEmpty();
  }

  @Test
  void noModelAuditMayPublishAMetricAnotherModelAuditsAlarmWatches() {
    isolated.create(watcher("team-s9", "reader", "AIModelAuditing/team-s9", "Latency"));
    isolated.awaitReady("team-s9", "reader");
    int mutating = isolatedAws.mutatingCallCount();

    ModelAudit mover = seedIn("team-s10", "mover", "AIModelAuditing/team-s9");
    mover.getSpec().getMetricFilters().get(0).getMetric().setName("Latency");
    isolated.create(mover);
    String message = stalled(isolated, "team-s10", "mover", "MetricConflict");

    assertThat(message)
        .contains("spec.metricFilters[0].metric:")
        .contains("AIModelAuditing/team-s9/Latency")
        .contains("ModelAudit team-s9/reader");
    assertThat(isolatedAws.mutatingCallCount()).isEqualTo(mutating);
  }

  @Test
  void anAlarmMetricOutsideThePolicyIsAPolicyViolation() {
    for (String namespace :
        List.of("AWS/SageMaker", "AIModelAuditing", "AIModelAuditing/team-s1")) {
      String name = "outside-" + Math.abs(namespace.hashCode());
      isolated.create(watcher("team-s11", name, namespace, "Invocations"));
      String message = stalled(isolated, "team-s11", name, "PolicyViolation");
      assertThat(message)
          .contains("spec.alarms[0].metric.namespace:")
          .contains("AIModelAuditing/team-s11")
          .contains(namespace);
    }
    assertThat(isolatedAws.logGroupNames(REGION))
        .noneMatch(group -> group.startsWith("/modelaudit/team-s11/"));
  }

  @Test
  void anAlarmOnAFilterWithDimensionsIsRefusedAndItsMetricFormAccepted() {
    ModelAudit audit = seedIn("team-s12", "dimensioned", "AIModelAuditing/team-s12");
    audit.getSpec().getMetricFilters().get(0).getMetric().setDimensions(Map.of("Model", "$.model"));
    isolated.create(audit);
    String message = stalled(isolated, "team-s12", "dimensioned", "InvalidSpec");
    assertThat(message).contains("spec.alarms[0].metricFilter:").contains("Model");
    assertThat(isolatedAws.logGroup(REGION, "/modelaudit/team-s12/dimensioned")).isEmpty();

    isolated.edit(
        "team-s12",
        "dimensioned",
        r -> {
          AlarmSpec alarm = r.getSpec().getAlarms().get(0);
          alarm.setMetricFilter(null);
          AlarmMetricSpec metric = new AlarmMetricSpec();
          metric.setNamespace("AIModelAuditing/team-s12");
          metric.setName("EventCount");
          metric.setDimensions(Map.of("Model", "fraud"));
          alarm.setMetric(metric);
          return r;
        });
    isolated.awaitReady("team-s12", "dimensioned");
    AlarmConfig alarm =
        isolatedAws
            .alarm(REGION, "modelaudit-team-s12/dimensioned/high-event-rate")
            .orElseThrow()
            .config();
    assertThat(alarm.dimensions()).isEqualTo(Map.of("Model", "fraud"));
  }

  @Test
  void aRefusedModelAuditsStatusShowsNoStateReasonOfTheMetricItMayNotRead() {
    // Two ModelAudits that shared the seed's metric before the operator refused it: the later
    // one's status still carries its alarm's state reason, computed from both tenants' events.
    isolated.stopOperator();
    try {
      isolated.create(seedIn("team-s13", "before", "Shared/Upgrade"));
      sleepPastOneSecond(); // creationTimestamp has a resolution of one second
      isolated.create(seedIn("team-s14", "after", "Shared/Upgrade"));
      writeStatus(
          "team-s14",
          "after",
          "Threshold Crossed: 1 datapoint [42.0 (26/11/26 12:00:00)] was greater than 5.0");
    } finally {
      isolated.startOperator();
    }

    isolated.awaitReady("team-s13", "before");
    ModelAudit refused =
        isolated.awaitCondition("team-s14", "after", Conditions.STALLED, "MetricConflict");
    assertThat(refused.getStatus().getAlarms())
        .singleElement()
        .satisfies(a -> assertThat(String.valueOf(a.getStateReason())).doesNotContain("42.0"));
  }

  // ---- helpers ----

  /** The seed example in another namespace and name, publishing into its own metric namespace. */
  private static ModelAudit seedIn(String namespace, String name) {
    ModelAudit audit = Fixtures.example(Fixtures.SEED_EXAMPLE);
    audit.getMetadata().setNamespace(namespace);
    audit.getMetadata().setName(name);
    return audit;
  }

  private static ModelAudit seedIn(String namespace, String name, String metricNamespace) {
    ModelAudit audit = seedIn(namespace, name);
    audit.getSpec().getMetricFilters().get(0).getMetric().setNamespace(metricNamespace);
    return audit;
  }

  /** A ModelAudit with no filter and one alarm that watches a metric directly. */
  private static ModelAudit watcher(
      String namespace, String name, String metricNamespace, String metricName) {
    return Fixtures.resource(
        namespace,
        name,
        """
        alarms:
          - name: watch
            metric: {namespace: %s, name: %s}
            statistic: Sum
            period: 60
            evaluationPeriods: 1
            comparisonOperator: GreaterThanThreshold
            threshold: 5
        notifications:
          snsTopicArn: %s
        """
            .formatted(metricNamespace, metricName, ALLOWED_TOPIC));
  }

  /** The log groups whose filters publish this metric, in the whole region. */
  private static List<String> publishers(String metricNamespace, String metricName) {
    return isolatedAws.logGroupNames(REGION).stream()
        .filter(
            group ->
                isolatedAws.metricFilters(REGION, group).stream()
                    .anyMatch(
                        f ->
                            f.metricNamespace().equals(metricNamespace)
                                && f.metricName().equals(metricName)))
        .sorted()
        .toList();
  }

  /** A status as a Ready reconcile of the seed wrote it, with this alarm state reason. */
  private static void writeStatus(String namespace, String name, String stateReason) {
    ModelAudit audit = isolated.get(namespace, name);
    ModelAuditStatus status = new ModelAuditStatus();
    status.setObservedGeneration(audit.getMetadata().getGeneration());
    status.setRegion(REGION);
    status.setAlarms(
        List.of(
            new AlarmStatus(
                "high-event-rate",
                "modelaudit-" + namespace + "/" + name + "/high-event-rate",
                "arn:aws:cloudwatch:us-east-1:123456789012:alarm:x",
                "ALARM",
                stateReason,
                "2026-11-26T12:00:00Z")));
    audit.setStatus(status);
    isolated.client().resource(audit).updateStatus();
  }

  private static void sleepPastOneSecond() {
    try {
      Thread.sleep(1100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A ModelAudit of one tenant with one filter (publishing a metric of the tenant's namespace) and
   * one alarm on the allowed topic.
   */
  private static ModelAudit tenant(
      String namespace, String name, String logGroup, String policy, int retention) {
    String group = logGroup == null ? "" : "\n  name: " + logGroup;
    return Fixtures.resource(
        namespace,
        name,
        """
        logGroup:%s
          retentionInDays: %d
        metricFilters:
          - name: errors
            pattern: '{ $.level = "ERROR" }'
            metric: {namespace: AIModelAuditing/%s, name: ErrorCount, value: "1"}
        alarms:
          - name: too-many-errors
            metricFilter: errors
            statistic: Sum
            period: 60
            evaluationPeriods: 1
            comparisonOperator: GreaterThanThreshold
            threshold: 5
        notifications:
          snsTopicArn: %s
        deletionPolicy: %s
        """
            .formatted(group, retention, namespace, ALLOWED_TOPIC, policy));
  }

  private static io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec actions(String arn) {
    io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec actions =
        new io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec();
    actions.setAlarm(List.of(arn));
    return actions;
  }

  /** Waits until Stalled with this reason and returns the condition's message. */
  private static String stalled(
      OperatorHarness harness, String namespace, String name, String reason) {
    ModelAudit stalled = harness.awaitCondition(namespace, name, Conditions.STALLED, reason);
    Condition condition =
        Conditions.find(stalled.getStatus().getConditions(), Conditions.STALLED).orElseThrow();
    assertThat(Conditions.isTrue(stalled.getStatus().getConditions(), Conditions.READY)).isFalse();
    return condition.getMessage();
  }

  private static String awaitOwner(String group) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> wideAws.logGroupTags(REGION, group).containsKey(Tags.OWNER));
    return wideAws.logGroupTags(REGION, group).get(Tags.OWNER);
  }

  private static AlarmConfig alarmConfig(String name, double threshold) {
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
        threshold,
        null,
        true,
        List.of(),
        List.of(),
        List.of(),
        null);
  }
}
