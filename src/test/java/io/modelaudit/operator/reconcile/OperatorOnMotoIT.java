package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.MetricTransformationSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.moto.MotoGaps;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import io.modelaudit.operator.support.ArchiveDestinations;
import io.modelaudit.operator.support.OperatorHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;

/**
 * The whole operator (JOSDK against the CRUD mock API server) with the production AWS adapter
 * pointed at moto. Every check reads AWS back through raw SDK clients, independent of the adapter,
 * and derives what AWS must hold from the ModelAudit's spec alone, not from the operator's own
 * desired-state code.
 *
 * <p>Each test starts a fresh operator on an empty moto. The examples use namespace ml-prod, so the
 * tests do too.
 */
@ExtendWith(MotoServer.Extension.class)
class OperatorOnMotoIT {

  private static final String NS = "ml-prod";
  private static final String SEED = "fraud-detector";
  private static final String SEED_GROUP = "/modelaudit/ml-prod/fraud-detector";
  private static final String SEED_ALARM = "modelaudit-ml-prod/fraud-detector/high-event-rate";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:model-alerts";
  private static final String CLUSTER = "default";
  private static final Duration REPAIR_TIMEOUT = Duration.ofSeconds(60);

  private static MotoServer moto;
  private static AwsCloudWatchGateways gateways;
  private static CloudWatchLogsClient logs;
  private static CloudWatchClient cloudWatch;

  private OperatorHarness harness;
  private MotoGaps withGaps;

  @BeforeAll
  static void connect(MotoServer server) {
    moto = server;
    gateways = MotoSupport.gateways(moto);
    logs = MotoSupport.logsClient(moto);
    cloudWatch = MotoSupport.cloudWatchClient(moto);
  }

  @AfterAll
  static void disconnect() {
    if (gateways != null) {
      gateways.close();
    }
    if (logs != null) {
      logs.close();
    }
    if (cloudWatch != null) {
      cloudWatch.close();
    }
  }

  @BeforeEach
  void startOperatorOnEmptyAws() {
    moto.reset();
    // moto lacks data protection, query definitions and index policies: the fake's store serves
    // those three APIs, everything else is moto through the production adapter
    withGaps = new MotoGaps(gateways);
    harness = OperatorHarness.start(withGaps, OperatorHarness.fastConfig());
  }

  @AfterEach
  void stopOperator() {
    if (harness != null) {
      harness.close();
    }
  }

  // ---- the seed program ----

  @Test
  void seedExampleBuildsExactlyTheSeedProgram() {
    harness.create(Fixtures.example(Fixtures.SEED_EXAMPLE));
    ModelAudit ready = harness.awaitReady(NS, SEED);

    // One log group in the whole account, kept 7 days, not encrypted, with the seed's tags.
    List<LogGroup> groups = logs.describeLogGroups(b -> {}).logGroups();
    assertThat(groups).extracting(LogGroup::logGroupName).containsExactly(SEED_GROUP);
    LogGroup group = groups.get(0);
    assertThat(group.retentionInDays()).isEqualTo(7);
    assertThat(group.kmsKeyId()).isNull();
    assertThat(logGroupTags(group))
        .containsEntry("Environment", "production")
        .containsEntry("Purpose", "AIModelAuditing");
    assertThat(ready.getStatus().getLogGroup().getArn()).isEqualTo(arnOf(group));

    // One stream.
    assertThat(streamsOf(SEED_GROUP)).containsExactly("inference");

    // One metric filter counting every structured event line.
    List<MetricFilter> filters = logs.describeMetricFilters(b -> {}).metricFilters();
    assertThat(filters).hasSize(1);
    MetricFilter filter = filters.get(0);
    assertThat(filter.logGroupName()).isEqualTo(SEED_GROUP);
    assertThat(filter.filterName()).isEqualTo("events");
    assertThat(filter.filterPattern()).isEqualTo("[timestamp=*Z, request_id, event, ...]");
    assertThat(filter.metricTransformations()).hasSize(1);
    MetricTransformation metric = filter.metricTransformations().get(0);
    assertThat(metric.metricNamespace()).isEqualTo("AIModelAuditing");
    assertThat(metric.metricName()).isEqualTo("EventCount");
    assertThat(metric.metricValue()).isEqualTo("1");
    assertThat(metric.defaultValue()).isNull();

    // One alarm: Sum over 60 s, 1 period, more than 5, SNS on ALARM and on OK.
    List<MetricAlarm> alarms = cloudWatch.describeAlarms(b -> {}).metricAlarms();
    assertThat(alarms).hasSize(1);
    MetricAlarm alarm = alarms.get(0);
    assertThat(alarm.alarmName()).isEqualTo(SEED_ALARM);
    assertThat(alarm.namespace()).isEqualTo("AIModelAuditing");
    assertThat(alarm.metricName()).isEqualTo("EventCount");
    assertThat(alarm.dimensions()).isEmpty();
    assertThat(alarm.statisticAsString()).isEqualTo("Sum");
    assertThat(alarm.extendedStatistic()).isNull();
    assertThat(alarm.period()).isEqualTo(60);
    assertThat(alarm.evaluationPeriods()).isEqualTo(1);
    assertThat(alarm.comparisonOperatorAsString()).isEqualTo("GreaterThanThreshold");
    assertThat(alarm.threshold()).isEqualTo(5.0);
    assertThat(alarm.actionsEnabled()).isTrue();
    assertThat(alarm.alarmActions()).containsExactly(TOPIC);
    assertThat(alarm.okActions()).containsExactly(TOPIC);
    assertThat(alarm.insufficientDataActions()).isEmpty();
    assertThat(alarmTags(alarm)).containsEntry("modelaudit.io/owner", "ml-prod/fraud-detector");

    // And everything else the spec implies, tags included.
    assertAwsMirrors(ready);
  }

  // ---- metric isolation ----

  @Test
  void twoNamespacesCopyingTheSeedLeaveExactlyOnePublisherOfItsMetric() {
    harness.create(seedIn("team-a", "fraud"));
    harness.awaitReady("team-a", "fraud");

    harness.create(seedIn("team-b", "chat"));
    harness.awaitCondition("team-b", "chat", "Stalled", "MetricConflict");

    List<MetricFilter> publishers =
        logs.describeMetricFilters(
                b -> b.metricNamespace("AIModelAuditing").metricName("EventCount"))
            .metricFilters();
    assertThat(publishers)
        .extracting(MetricFilter::logGroupName)
        .containsExactly("/modelaudit/team-a/fraud");
    assertThat(cloudWatch.describeAlarms(b -> {}).metricAlarms())
        .filteredOn(a -> a.namespace().equals("AIModelAuditing"))
        .extracting(MetricAlarm::alarmName)
        .containsExactly("modelaudit-team-a/fraud/high-event-rate");
    assertThat(logs.describeLogGroups(b -> {}).logGroups())
        .extracting(LogGroup::logGroupName)
        .containsExactly("/modelaudit/team-a/fraud");
  }

  @Test
  void anAlarmOnAFilterWithDimensionsWatchesOneValueOfItsMetric() {
    ModelAudit audit = seedIn("team-c", "dimensioned");
    audit.getSpec().getMetricFilters().get(0).getMetric().setDimensions(Map.of("Model", "$.model"));
    harness.create(audit);
    harness.awaitCondition("team-c", "dimensioned", "Stalled", "InvalidSpec");
    assertThat(cloudWatch.describeAlarms(b -> {}).metricAlarms()).isEmpty();

    harness.edit(
        "team-c",
        "dimensioned",
        r -> {
          AlarmSpec alarm = r.getSpec().getAlarms().get(0);
          alarm.setMetricFilter(null);
          AlarmMetricSpec metric = new AlarmMetricSpec();
          metric.setNamespace("AIModelAuditing");
          metric.setName("EventCount");
          metric.setDimensions(Map.of("Model", "fraud"));
          alarm.setMetric(metric);
          return r;
        });
    harness.awaitReady("team-c", "dimensioned");

    MetricTransformation published =
        logs.describeMetricFilters(b -> {}).metricFilters().get(0).metricTransformations().get(0);
    assertThat(published.dimensions()).isEqualTo(Map.of("Model", "$.model"));
    MetricAlarm alarm = cloudWatch.describeAlarms(b -> {}).metricAlarms().get(0);
    assertThat(alarm.namespace()).isEqualTo(published.metricNamespace());
    assertThat(alarm.metricName()).isEqualTo(published.metricName());
    assertThat(alarm.dimensions())
        .extracting(d -> d.name() + "=" + d.value())
        .containsExactly("Model=fraud");
  }

  private static ModelAudit seedIn(String namespace, String name) {
    ModelAudit audit = Fixtures.example(Fixtures.SEED_EXAMPLE);
    audit.getMetadata().setNamespace(namespace);
    audit.getMetadata().setName(name);
    return audit;
  }

  // ---- every example ----

  /**
   * The examples this test derives AWS's content for from the spec alone: those without presets,
   * health alarm or dashboard. AiProfilesOnMotoIT covers the others, with what moto lacks
   * (composite alarms, anomaly models, dashboard tags) filled in by the fake.
   */
  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files
          .filter(p -> p.toString().endsWith(".yaml"))
          .filter(
              p -> {
                ModelAuditSpec spec = Fixtures.example(p).getSpec();
                return spec.getPresets() == null
                    && spec.getHealthAlarm() == null
                    && spec.getDashboard() == null;
              })
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsMirroredInAwsAndItsDeletionPolicyHonoured(Path example) {
    ModelAudit audit = Fixtures.example(example);
    String namespace = audit.getMetadata().getNamespace();
    String name = audit.getMetadata().getName();
    ArchiveDestinations.create(moto, audit);
    harness.create(audit);

    ModelAudit ready = harness.awaitReady(namespace, name);

    assertAwsMirrors(ready);
    assertThat(ready.getStatus().getAlarms() == null ? List.of() : ready.getStatus().getAlarms())
        .hasSize(ready.getSpec().getAlarms() == null ? 0 : ready.getSpec().getAlarms().size());

    harness.delete(namespace, name);
    harness.awaitGone(namespace, name);

    assertDeletedAsThePolicySays(ready);
  }

  // ---- spec edits ----

  @Test
  void specEditsAreFollowedInAws() {
    harness.create(Fixtures.example(Fixtures.SEED_EXAMPLE));
    harness.awaitReady(NS, SEED);

    harness.edit(
        NS,
        SEED,
        r -> {
          ModelAuditSpec spec = r.getSpec();
          spec.getLogGroup().setRetentionInDays(30);
          spec.getAlarms().get(0).setThreshold(9.0);
          spec.getMetricFilters().get(0).setPattern("[timestamp=*Z, request_id, event=predict*]");
          spec.getMetricFilters().add(errorsFilter());
          spec.getAlarms().add(errorBurstAlarm());
          spec.setTags(Map.of("Environment", "staging", "Team", "ml-platform"));
          return r;
        });
    ModelAudit edited = harness.awaitReady(NS, SEED);

    awaitAwsMirrors(edited);
    assertThat(retentionOf(SEED_GROUP)).isEqualTo(30);
    assertThat(logGroupTags(onlyGroup(SEED_GROUP))).doesNotContainKey("Purpose");

    harness.edit(
        NS,
        SEED,
        r -> {
          ModelAuditSpec spec = r.getSpec();
          spec.getLogGroup().setRetentionInDays(null);
          spec.getMetricFilters().removeIf(f -> f.getName().equals("errors"));
          spec.getAlarms().removeIf(a -> a.getName().equals("error-burst"));
          return r;
        });
    ModelAudit trimmed = harness.awaitReady(NS, SEED);

    awaitAwsMirrors(trimmed);
    assertThat(retentionOf(SEED_GROUP)).isNull();
    assertThat(logs.describeMetricFilters(b -> b.logGroupName(SEED_GROUP)).metricFilters())
        .extracting(MetricFilter::filterName)
        .containsExactly("events");
    assertThat(cloudWatch.describeAlarms(b -> {}).metricAlarms())
        .extracting(MetricAlarm::alarmName)
        .containsExactly(SEED_ALARM);
  }

  // ---- drift ----

  @Test
  void driftBehindTheOperatorsBackIsRepairedByTheNextResync() {
    harness.create(Fixtures.example(Fixtures.SEED_EXAMPLE));
    ModelAudit ready = harness.awaitReady(NS, SEED);
    String groupArn = arnOf(onlyGroup(SEED_GROUP));

    cloudWatch.deleteAlarms(b -> b.alarmNames(SEED_ALARM));
    logs.putRetentionPolicy(b -> b.logGroupName(SEED_GROUP).retentionInDays(14));
    logs.deleteMetricFilter(b -> b.logGroupName(SEED_GROUP).filterName("events"));
    logs.untagResource(b -> b.resourceArn(groupArn).tagKeys("Purpose"));
    // The drift really is in AWS before the operator gets a chance.
    assertThat(cloudWatch.describeAlarms(b -> {}).metricAlarms()).isEmpty();
    assertThat(retentionOf(SEED_GROUP)).isEqualTo(14);
    assertThat(logs.describeMetricFilters(b -> b.logGroupName(SEED_GROUP)).metricFilters())
        .isEmpty();
    assertThat(logGroupTags(onlyGroup(SEED_GROUP))).doesNotContainKey("Purpose");

    awaitAwsMirrors(ready);
    assertThat(harness.get(NS, SEED).getMetadata().getGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
  }

  @Test
  void filterAndAlarmChangedBehindTheOperatorsBackAreRestored() {
    harness.create(Fixtures.example(Fixtures.SEED_EXAMPLE));
    ModelAudit ready = harness.awaitReady(NS, SEED);
    MetricFilter filter =
        logs.describeMetricFilters(b -> b.logGroupName(SEED_GROUP)).metricFilters().get(0);
    MetricAlarm alarm = cloudWatch.describeAlarms(b -> {}).metricAlarms().get(0);

    logs.putMetricFilter(
        b ->
            b.logGroupName(SEED_GROUP)
                .filterName(filter.filterName())
                .filterPattern("ERROR")
                .metricTransformations(filter.metricTransformations()));
    cloudWatch.putMetricAlarm(copyWithThreshold(alarm, 99.0));
    cloudWatch.untagResource(b -> b.resourceARN(alarm.alarmArn()).tagKeys("Environment"));
    // moto appends the drifted filter next to the original (AWS would replace it): two copies.
    // The state right after the edits is not asserted: the inventory may repair it at once.

    awaitAwsMirrors(ready);
  }

  // ---- deletion ----

  @ParameterizedTest
  @EnumSource(DeletionPolicy.class)
  void deletionLeavesExactlyWhatThePolicySays(DeletionPolicy policy) {
    ModelAudit seed = Fixtures.example(Fixtures.SEED_EXAMPLE);
    seed.getSpec().setDeletionPolicy(policy.name());
    harness.create(seed);
    ModelAudit ready = harness.awaitReady(NS, SEED);
    assertAwsMirrors(ready);

    harness.delete(NS, SEED);
    harness.awaitGone(NS, SEED);

    assertDeletedAsThePolicySays(ready);
  }

  // ---- what AWS must hold, derived from the spec alone ----

  /** A metric filter as AWS describes it. */
  private record FilterView(
      String name,
      String pattern,
      String namespace,
      String metric,
      String value,
      Double defaultValue,
      String unit,
      Map<String, String> dimensions) {}

  /** A metric alarm's whole configuration as AWS describes it. */
  private record AlarmView(
      String name,
      String description,
      String namespace,
      String metric,
      Map<String, String> dimensions,
      String statistic,
      String extendedStatistic,
      Integer period,
      Integer evaluationPeriods,
      Integer datapointsToAlarm,
      String comparisonOperator,
      Double threshold,
      String treatMissingData,
      Boolean actionsEnabled,
      List<String> alarmActions,
      List<String> okActions,
      List<String> insufficientDataActions) {}

  private void awaitAwsMirrors(ModelAudit audit) {
    await()
        .atMost(REPAIR_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertAwsMirrors(audit));
  }

  /** Every attribute the spec asks for is in AWS, and nothing of this ModelAudit more. */
  private void assertAwsMirrors(ModelAudit audit) {
    ModelAuditSpec spec = audit.getSpec();
    String groupName = groupNameOf(audit);

    LogGroup group = onlyGroup(groupName);
    assertThat(group.retentionInDays())
        .as("retention")
        .isEqualTo(spec.getLogGroup() == null ? null : spec.getLogGroup().getRetentionInDays());
    assertThat(group.kmsKeyId())
        .as("KMS key")
        .isEqualTo(spec.getLogGroup() == null ? null : spec.getLogGroup().getKmsKeyArn());
    assertThat(logGroupTags(group)).as("log group tags").isEqualTo(expectedTags(audit));

    assertThat(streamsOf(groupName))
        .as("streams")
        .containsExactlyInAnyOrderElementsOf(
            spec.getLogStreams() == null ? List.of("events") : spec.getLogStreams());

    assertThat(logs.describeMetricFilters(b -> b.logGroupName(groupName)).metricFilters())
        .as("metric filters")
        .map(OperatorOnMotoIT::view)
        .containsExactlyInAnyOrderElementsOf(expectedFilters(spec));

    List<MetricAlarm> alarms =
        cloudWatch.describeAlarms(b -> b.alarmNamePrefix(alarmPrefixOf(audit))).metricAlarms();
    assertThat(alarms)
        .as("alarms")
        .map(OperatorOnMotoIT::view)
        .containsExactlyInAnyOrderElementsOf(expectedAlarms(audit));
    for (MetricAlarm alarm : alarms) {
      assertThat(alarmTags(alarm))
          .as("tags of alarm " + alarm.alarmName())
          .isEqualTo(expectedTags(audit));
    }

    assertThat(archiveOf(groupName))
        .as("archive")
        .containsExactlyInAnyOrderElementsOf(expectedArchive(spec));
    assertThat(withGaps.store().dataProtectionPolicy(MotoSupport.REGION, groupName).isPresent())
        .as("masking")
        .isEqualTo(spec.getDataProtection() != null);
  }

  /** The subscription filters moto holds, read with a raw SDK client. */
  private List<String> archiveOf(String groupName) {
    return logs
        .describeSubscriptionFilters(b -> b.logGroupName(groupName))
        .subscriptionFilters()
        .stream()
        .map(
            f ->
                f.filterName()
                    + " "
                    + f.destinationArn()
                    + " "
                    + f.roleArn()
                    + " "
                    + f.filterPattern())
        .toList();
  }

  private static List<String> expectedArchive(ModelAuditSpec spec) {
    return spec.getArchive() == null
        ? List.of()
        : spec.getArchive().stream()
            .map(
                a ->
                    a.getName()
                        + " "
                        + a.getDestinationArn()
                        + " "
                        + a.getRoleArn()
                        + " "
                        + (a.getPattern() == null ? "" : a.getPattern()))
            .toList();
  }

  private void assertDeletedAsThePolicySays(ModelAudit audit) {
    DeletionPolicy policy =
        audit.getSpec().getDeletionPolicy() == null
            ? DeletionPolicy.Retain
            : DeletionPolicy.valueOf(audit.getSpec().getDeletionPolicy());
    String groupName = groupNameOf(audit);
    List<MetricAlarm> alarms =
        cloudWatch.describeAlarms(b -> b.alarmNamePrefix(alarmPrefixOf(audit))).metricAlarms();
    // moto keeps a deleted group's filters (AWS deletes them with the group), so an empty answer
    // here means the operator deleted each filter itself.
    List<MetricFilter> filters =
        logs.describeMetricFilters(b -> b.logGroupName(groupName)).metricFilters();
    switch (policy) {
      case Orphan -> assertAwsMirrors(audit);
      case Retain -> {
        assertThat(alarms).isEmpty();
        assertThat(filters).isEmpty();
        // the archive stays with the retained group: events written there are still copied
        assertThat(archiveOf(groupName))
            .containsExactlyInAnyOrderElementsOf(expectedArchive(audit.getSpec()));
        LogGroup group = onlyGroup(groupName);
        assertThat(group.retentionInDays())
            .isEqualTo(
                audit.getSpec().getLogGroup() == null
                    ? null
                    : audit.getSpec().getLogGroup().getRetentionInDays());
        assertThat(logGroupTags(group)).isEqualTo(expectedTags(audit));
        assertThat(streamsOf(groupName))
            .containsExactlyInAnyOrderElementsOf(audit.getSpec().getLogStreams());
      }
      case Delete -> {
        assertThat(alarms).isEmpty();
        assertThat(filters).isEmpty();
        assertThat(findGroup(groupName)).isEmpty();
      }
    }
  }

  private static String groupNameOf(ModelAudit audit) {
    ModelAuditSpec spec = audit.getSpec();
    return spec.getLogGroup() != null && spec.getLogGroup().getName() != null
        ? spec.getLogGroup().getName()
        : "/modelaudit/" + audit.getMetadata().getNamespace() + "/" + audit.getMetadata().getName();
  }

  private static String alarmPrefixOf(ModelAudit audit) {
    return "modelaudit-"
        + audit.getMetadata().getNamespace()
        + "/"
        + audit.getMetadata().getName()
        + "/";
  }

  private static Map<String, String> expectedTags(ModelAudit audit) {
    ModelAuditSpec spec = audit.getSpec();
    Map<String, String> tags = new TreeMap<>();
    if (spec.getTags() != null) {
      tags.putAll(spec.getTags());
    }
    if (spec.getModel() != null && spec.getModel().getName() != null) {
      tags.put("modelaudit.io/model", spec.getModel().getName());
    }
    if (spec.getModel() != null && spec.getModel().getVersion() != null) {
      tags.put("modelaudit.io/model-version", spec.getModel().getVersion());
    }
    tags.put(
        "modelaudit.io/owner",
        audit.getMetadata().getNamespace() + "/" + audit.getMetadata().getName());
    tags.put("modelaudit.io/cluster", CLUSTER);
    // which incarnation made it, and that the operator made it (it adopted nothing here)
    tags.put("modelaudit.io/owner-uid", audit.getMetadata().getUid());
    tags.put("modelaudit.io/origin", "created");
    return tags;
  }

  private static List<FilterView> expectedFilters(ModelAuditSpec spec) {
    if (spec.getMetricFilters() == null) {
      return List.of();
    }
    return spec.getMetricFilters().stream()
        .map(
            f ->
                new FilterView(
                    f.getName(),
                    f.getPattern(),
                    f.getMetric().getNamespace(),
                    f.getMetric().getName(),
                    f.getMetric().getValue(),
                    f.getMetric().getDefaultValue(),
                    f.getMetric().getUnit(),
                    orEmpty(f.getMetric().getDimensions())))
        .toList();
  }

  private static List<AlarmView> expectedAlarms(ModelAudit audit) {
    ModelAuditSpec spec = audit.getSpec();
    if (spec.getAlarms() == null) {
      return List.of();
    }
    String topic =
        spec.getNotifications() == null ? null : spec.getNotifications().getSnsTopicArn();
    List<AlarmView> alarms = new ArrayList<>();
    for (AlarmSpec a : spec.getAlarms()) {
      String namespace;
      String metric;
      Map<String, String> dimensions;
      if (a.getMetricFilter() != null) {
        MetricTransformationSpec source =
            spec.getMetricFilters().stream()
                .filter(f -> f.getName().equals(a.getMetricFilter()))
                .findFirst()
                .orElseThrow()
                .getMetric();
        namespace = source.getNamespace();
        metric = source.getName();
        dimensions = Map.of();
      } else {
        namespace = a.getMetric().getNamespace();
        metric = a.getMetric().getName();
        dimensions = orEmpty(a.getMetric().getDimensions());
      }
      AlarmActionsSpec actions = a.getActions();
      alarms.add(
          new AlarmView(
              alarmPrefixOf(audit) + a.getName(),
              a.getDescription(),
              namespace,
              metric,
              dimensions,
              a.getStatistic(),
              a.getExtendedStatistic(),
              a.getPeriod(),
              a.getEvaluationPeriods(),
              a.getDatapointsToAlarm(),
              a.getComparisonOperator(),
              a.getThreshold(),
              a.getTreatMissingData(),
              a.getActionsEnabled() == null || a.getActionsEnabled(),
              actionsOr(actions == null ? null : actions.getAlarm(), topic),
              actionsOr(actions == null ? null : actions.getOk(), topic),
              actionsOr(actions == null ? null : actions.getInsufficientData(), null)));
    }
    return alarms;
  }

  /**
   * The spec reference's rule: a list given in the spec (even empty) wins over the default topic.
   */
  private static List<String> actionsOr(List<String> given, String topic) {
    if (given != null) {
      return given;
    }
    return topic == null ? List.of() : List.of(topic);
  }

  private static FilterView view(MetricFilter f) {
    assertThat(f.metricTransformations()).as("transformations of " + f.filterName()).hasSize(1);
    MetricTransformation t = f.metricTransformations().get(0);
    return new FilterView(
        f.filterName(),
        f.filterPattern(),
        t.metricNamespace(),
        t.metricName(),
        t.metricValue(),
        t.defaultValue(),
        t.unitAsString(),
        t.hasDimensions() ? t.dimensions() : Map.of());
  }

  private static AlarmView view(MetricAlarm a) {
    Map<String, String> dimensions = new TreeMap<>();
    a.dimensions().forEach(d -> dimensions.put(d.name(), d.value()));
    return new AlarmView(
        a.alarmName(),
        a.alarmDescription(),
        a.namespace(),
        a.metricName(),
        dimensions,
        a.statisticAsString(),
        a.extendedStatistic(),
        a.period(),
        a.evaluationPeriods(),
        a.datapointsToAlarm(),
        a.comparisonOperatorAsString(),
        a.threshold(),
        a.treatMissingData(),
        a.actionsEnabled(),
        a.alarmActions(),
        a.okActions(),
        a.insufficientDataActions());
  }

  // ---- raw reads ----

  private static Optional<LogGroup> findGroup(String name) {
    return logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups().stream()
        .filter(g -> g.logGroupName().equals(name))
        .findFirst();
  }

  private static LogGroup onlyGroup(String name) {
    return findGroup(name).orElseThrow(() -> new AssertionError("no log group " + name));
  }

  /** The ARN tagging takes: the group's ARN without the trailing ":*" of the older field. */
  private static String arnOf(LogGroup group) {
    if (group.logGroupArn() != null) {
      return group.logGroupArn();
    }
    return group.arn().endsWith(":*")
        ? group.arn().substring(0, group.arn().length() - 2)
        : group.arn();
  }

  private static Map<String, String> logGroupTags(LogGroup group) {
    return new TreeMap<>(logs.listTagsForResource(b -> b.resourceArn(arnOf(group))).tags());
  }

  private static Map<String, String> alarmTags(MetricAlarm alarm) {
    Map<String, String> tags = new TreeMap<>();
    cloudWatch
        .listTagsForResource(b -> b.resourceARN(alarm.alarmArn()))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  private static List<String> streamsOf(String group) {
    return logs.describeLogStreams(b -> b.logGroupName(group)).logStreams().stream()
        .map(LogStream::logStreamName)
        .toList();
  }

  private static Integer retentionOf(String group) {
    return onlyGroup(group).retentionInDays();
  }

  private static PutMetricAlarmRequest copyWithThreshold(MetricAlarm a, double threshold) {
    return PutMetricAlarmRequest.builder()
        .alarmName(a.alarmName())
        .alarmDescription(a.alarmDescription())
        .namespace(a.namespace())
        .metricName(a.metricName())
        .dimensions(a.dimensions())
        .statistic(a.statisticAsString())
        .period(a.period())
        .evaluationPeriods(a.evaluationPeriods())
        .datapointsToAlarm(a.datapointsToAlarm())
        .comparisonOperator(a.comparisonOperatorAsString())
        .threshold(threshold)
        .treatMissingData(a.treatMissingData())
        .actionsEnabled(a.actionsEnabled())
        .alarmActions(a.alarmActions())
        .okActions(a.okActions())
        .insufficientDataActions(a.insufficientDataActions())
        .build();
  }

  // ---- spec parts for the edits ----

  private static MetricFilterSpec errorsFilter() {
    MetricTransformationSpec metric = new MetricTransformationSpec();
    metric.setNamespace("AIModelAuditing");
    metric.setName("ErrorCount");
    metric.setValue("1");
    metric.setDefaultValue(0.0);
    metric.setUnit("Count");
    MetricFilterSpec filter = new MetricFilterSpec();
    filter.setName("errors");
    filter.setPattern("{ $.level = \"ERROR\" }");
    filter.setMetric(metric);
    return filter;
  }

  private static AlarmSpec errorBurstAlarm() {
    AlarmActionsSpec actions = new AlarmActionsSpec();
    actions.setInsufficientData(List.of(TOPIC + "-gaps"));
    AlarmSpec alarm = new AlarmSpec();
    alarm.setName("error-burst");
    alarm.setDescription("Three errors in two minutes");
    alarm.setMetricFilter("errors");
    alarm.setStatistic("Sum");
    alarm.setPeriod(60);
    alarm.setEvaluationPeriods(2);
    alarm.setDatapointsToAlarm(2);
    alarm.setComparisonOperator("GreaterThanOrEqualToThreshold");
    alarm.setThreshold(3.0);
    alarm.setTreatMissingData("notBreaching");
    alarm.setActions(actions);
    return alarm;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
