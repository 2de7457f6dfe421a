package io.modelaudit.operator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.part.JsonDocuments;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of {@link CloudWatchGateway} must do, in the port's own terms: the
 * in-memory fake, and the AWS SDK adapter against an emulator or real AWS.
 *
 * <p>Each test uses names with a random suffix and cleans up after itself, so the suite can run
 * against a long-lived, shared emulator. Assertions stick to what real AWS does. Where an emulator
 * deviates, the scenario is {@code protected} and the emulator's subclass overrides that one
 * scenario, asserting what the emulator really does and saying how AWS differs; the contract itself
 * is never weakened.
 */
public abstract class CloudWatchGatewayContract {

  /** The gateway under test; may be the same instance for every test. */
  protected abstract CloudWatchGateway gateway();

  /**
   * Makes a Firehose delivery stream exist, as the team that owns an archive would (the operator
   * never creates destinations; AWS refuses a subscription filter to one that does not exist), and
   * returns its ARN.
   */
  protected abstract String createFirehoseStream(String name);

  /** The region the gateway talks to; used only to build plausible SNS and KMS ARNs. */
  protected String region() {
    return "us-east-1";
  }

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /** A log group name unique to this test run. */
  protected String groupName(String suffix) {
    return groupPrefix() + suffix;
  }

  /** An alarm name unique to this test run. */
  protected String alarmName(String suffix) {
    return alarmPrefix() + suffix;
  }

  private String groupPrefix() {
    return "/modelaudit/contract/" + run + "/";
  }

  private String alarmPrefix() {
    return "modelaudit-contract-" + run + "-";
  }

  /** A dashboard name unique to this test run (dashboards are global to the account). */
  protected String dashboardName(String suffix) {
    return "modelaudit-contract-" + run + "-" + suffix;
  }

  /** A metric namespace unique to this test run, for anomaly detection models. */
  protected String metricNamespace() {
    return "ModelAuditContract/" + run;
  }

  @AfterEach
  void removeWhatThisTestCreated() {
    // Best effort: a test that failed half-way must not leave litter in a shared emulator.
    try {
      // composite alarms first, one per call: AWS refuses to delete what one depends on
      for (ObservedCompositeAlarm composite : gateway().listCompositeAlarms(alarmPrefix())) {
        gateway().deleteAlarms(List.of(composite.alarmName()));
      }
    } catch (RuntimeException ignored) {
      // not every implementation has composite alarms
    }
    try {
      for (ObservedAnomalyDetector detector :
          gateway().describeAnomalyDetectors(metricNamespace(), "Requests")) {
        gateway().deleteAnomalyDetector(detector.config());
      }
    } catch (RuntimeException ignored) {
      // not every implementation has anomaly detectors
    }
    try {
      List<String> dashboards =
          gateway().listDashboards(dashboardName("")).stream().map(DashboardEntry::name).toList();
      if (!dashboards.isEmpty()) {
        gateway().deleteDashboards(dashboards);
      }
    } catch (RuntimeException ignored) {
      // as below
    }
    try {
      List<String> alarms =
          gateway().listAlarms(alarmPrefix()).stream().map(ObservedAlarm::alarmName).toList();
      if (!alarms.isEmpty()) {
        gateway().deleteAlarms(alarms);
      }
    } catch (RuntimeException ignored) {
      // the assertion that failed says more than a cleanup error would
    }
    try {
      for (ObservedLogGroup group : gateway().listLogGroups(groupPrefix())) {
        if (group.config().deletionProtection()) {
          gateway().putDeletionProtection(group.name(), false);
        }
        gateway().deleteLogGroup(group.name());
      }
    } catch (RuntimeException ignored) {
      // as above
    }
  }

  // ---- log groups ----

  @Test
  void createdLogGroupIsDescribedWithItsConfigurationAndArn() {
    String name = groupName("app");

    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());

    ObservedLogGroup group = gateway().describeLogGroup(name).orElseThrow();
    assertThat(group.config()).isEqualTo(new LogGroupConfig(name, null, null, "STANDARD", false));
    assertThat(group.arn())
        .startsWith("arn:aws:logs:")
        .endsWith(":log-group:" + name)
        .doesNotEndWith(":*");
  }

  @Test
  void createLogGroupLeavesRetentionToPutRetentionPolicy() {
    String name = groupName("retention-later");

    gateway().createLogGroup(new LogGroupConfig(name, 7, null, "STANDARD", false), Map.of());

    assertThat(gateway().describeLogGroup(name).orElseThrow().config().retentionInDays()).isNull();
  }

  @Test
  void describingAMissingLogGroupIsEmpty() {
    assertThat(gateway().describeLogGroup(groupName("never-created"))).isEmpty();
  }

  @Test
  void describeLogGroupMatchesTheExactNameNotAPrefix() {
    String name = groupName("exact");
    create(name + "-longer");

    assertThat(gateway().describeLogGroup(name)).isEmpty();

    create(name);
    assertThat(gateway().describeLogGroup(name)).map(ObservedLogGroup::name).contains(name);
  }

  @Test
  void listLogGroupsReturnsOnlyThoseWithThePrefix() {
    create(groupName("team-a/one"));
    create(groupName("team-a/two"));
    create(groupName("team-b/one"));

    List<String> names =
        gateway().listLogGroups(groupName("team-a/")).stream().map(ObservedLogGroup::name).toList();

    assertThat(names).containsExactlyInAnyOrder(groupName("team-a/one"), groupName("team-a/two"));
  }

  @Test
  void creatingAnExistingLogGroupFailsWithAlreadyExists() {
    String name = groupName("twice");
    create(name);

    assertFails(Kind.ALREADY_EXISTS, () -> create(name));
  }

  @Test
  void deletedLogGroupIsGoneAndDeletingItAgainIsNotFound() {
    String name = groupName("short-lived");
    create(name);

    gateway().deleteLogGroup(name);

    assertThat(gateway().describeLogGroup(name)).isEmpty();
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteLogGroup(name));
  }

  @Test
  void retentionIsSetChangedAndRemoved() {
    String name = groupName("retention");
    create(name);

    gateway().putRetentionPolicy(name, 7);
    assertThat(retentionOf(name)).isEqualTo(7);

    gateway().putRetentionPolicy(name, 365);
    assertThat(retentionOf(name)).isEqualTo(365);

    gateway().deleteRetentionPolicy(name);
    assertThat(retentionOf(name)).isNull();
  }

  @Test
  protected void kmsKeyIsAssociatedAndDisassociated() {
    String name = groupName("encrypted");
    String key =
        "arn:aws:kms:" + region() + ":123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    create(name);

    gateway().associateKmsKey(name, key);
    assertThat(gateway().describeLogGroup(name).orElseThrow().config().kmsKeyArn()).isEqualTo(key);

    gateway().disassociateKmsKey(name);
    assertThat(gateway().describeLogGroup(name).orElseThrow().config().kmsKeyArn()).isNull();
  }

  @Test
  void logGroupTagsAreCreatedAddedOverwrittenAndRemoved() {
    String name = groupName("tagged");
    gateway()
        .createLogGroup(
            new LogGroupConfig(name, null, null, "STANDARD", false),
            Map.of("Environment", "production", "Purpose", "AIModelAuditing"));
    String arn = gateway().describeLogGroup(name).orElseThrow().arn();
    assertThat(gateway().listLogGroupTags(arn))
        .isEqualTo(Map.of("Environment", "production", "Purpose", "AIModelAuditing"));

    gateway().tagLogGroup(arn, Map.of("Environment", "staging", "Owner", "ml-prod/fraud"));
    gateway().untagLogGroup(arn, Set.of("Purpose"));

    assertThat(gateway().listLogGroupTags(arn))
        .isEqualTo(Map.of("Environment", "staging", "Owner", "ml-prod/fraud"));
  }

  @Test
  protected void operationsOnAMissingLogGroupAreNotFound() {
    String missing = groupName("missing");

    assertFails(Kind.NOT_FOUND, () -> gateway().putRetentionPolicy(missing, 7));
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteRetentionPolicy(missing));
    assertFails(Kind.NOT_FOUND, () -> gateway().createLogStream(missing, "events"));
    assertFails(Kind.NOT_FOUND, () -> gateway().listLogStreams(missing));
    assertFails(Kind.NOT_FOUND, () -> gateway().putMetricFilter(countFilter(missing, "errors")));
    assertThat(gateway().describeLogGroup(missing)).isEmpty();
  }

  // ---- log streams ----

  @Test
  void logStreamsAreCreatedListedAndDeleted() {
    String name = groupName("streams");
    create(name);
    assertThat(gateway().listLogStreams(name)).isEmpty();

    gateway().createLogStream(name, "inference");
    gateway().createLogStream(name, "training");
    assertThat(gateway().listLogStreams(name)).containsExactlyInAnyOrder("inference", "training");

    gateway().deleteLogStream(name, "training");
    assertThat(gateway().listLogStreams(name)).containsExactly("inference");
  }

  @Test
  void aStreamIsFoundByItsExactNameAmongManyThatStartWithIt() {
    String name = groupName("busy");
    create(name);
    for (int i = 0; i < 60; i++) {
      gateway().createLogStream(name, "events-%02d".formatted(i));
    }
    gateway().createLogStream(name, "events");

    assertThat(gateway().logStreamExists(name, "events")).isTrue();
    assertThat(gateway().logStreamExists(name, "events-59")).isTrue();
    assertThat(gateway().logStreamExists(name, "event")).isFalse();
    assertThat(gateway().logStreamExists(name, "events-6")).isFalse();
    assertThat(gateway().listLogStreamsPage(name, "events-", null).items()).hasSize(50);
    assertFails(Kind.NOT_FOUND, () -> gateway().logStreamExists(groupName("missing"), "events"));
  }

  /**
   * AWS: deletion protection "blocks all deletion operations" of the group
   * (PutLogGroupDeletionProtection); DeleteLogGroup and DeleteLogStream, whose error lists name a
   * ValidationException for it, are refused; DeleteMetricFilter, whose list does not, deletes a
   * filter, not log data.
   */
  @Test
  protected void deletionProtectionKeepsTheGroupAndItsStreamsButNotItsFilters() {
    String name = groupName("protected");
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", true), Map.of());
    gateway().createLogStream(name, "events");
    gateway().putMetricFilter(countFilter(name, "errors"));

    assertFails(Kind.CONFLICT, () -> gateway().deleteLogStream(name, "events"));
    assertFails(Kind.CONFLICT, () -> gateway().deleteLogGroup(name));
    gateway().deleteMetricFilter(name, "errors");

    assertThat(gateway().logStreamExists(name, "events")).isTrue();
    assertThat(gateway().describeMetricFilters(name)).isEmpty();
    gateway().putDeletionProtection(name, false);
    gateway().deleteLogStream(name, "events");
    gateway().deleteLogGroup(name);
    assertThat(gateway().describeLogGroup(name)).isEmpty();
  }

  @Test
  void creatingAnExistingStreamIsAlreadyExistsAndDeletingAMissingOneIsNotFound() {
    String name = groupName("stream-errors");
    create(name);
    gateway().createLogStream(name, "events");

    assertFails(Kind.ALREADY_EXISTS, () -> gateway().createLogStream(name, "events"));
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteLogStream(name, "never-created"));
  }

  // ---- metric filters ----

  @Test
  void metricFiltersKeepTheirWholeTransformation() {
    String name = groupName("filters");
    create(name);
    // AWS refuses a transformation with both dimensions and a default value, so the two
    // optional halves are exercised by two filters.
    MetricFilterConfig withDefault =
        new MetricFilterConfig(
            name,
            "errors",
            "{ $.level = \"ERROR\" }",
            "AIModelAuditing",
            "ErrorCount",
            "1",
            0.0,
            "Count",
            Map.of());
    MetricFilterConfig withDimensions =
        new MetricFilterConfig(
            name,
            "latency",
            "[timestamp, request_id, model, latency]",
            "AIModelAuditing",
            "LatencyMs",
            "$latency",
            null,
            "Milliseconds",
            Map.of("Model", "$model"));

    gateway().putMetricFilter(withDefault);
    gateway().putMetricFilter(withDimensions);

    assertThat(gateway().describeMetricFilters(name))
        .containsExactlyInAnyOrder(withDefault, withDimensions);
  }

  @Test
  protected void puttingAFilterWithAnExistingNameReplacesIt() {
    String name = groupName("replace");
    create(name);
    gateway().putMetricFilter(countFilter(name, "events"));
    MetricFilterConfig replacement =
        new MetricFilterConfig(
            name,
            "events",
            "[timestamp=*Z, request_id, event, ...]",
            "AIModelAuditing",
            "EventCount",
            "2",
            null,
            "Count",
            Map.of());

    gateway().putMetricFilter(replacement);

    assertThat(gateway().describeMetricFilters(name)).containsExactly(replacement);
  }

  @Test
  protected void deletedFilterIsGoneAndDeletingAMissingOneIsNotFound() {
    String name = groupName("delete-filter");
    create(name);
    gateway().putMetricFilter(countFilter(name, "errors"));
    gateway().putMetricFilter(countFilter(name, "warnings"));

    gateway().deleteMetricFilter(name, "errors");

    assertThat(gateway().describeMetricFilters(name))
        .extracting(MetricFilterConfig::filterName)
        .containsExactly("warnings");
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteMetricFilter(name, "errors"));
  }

  @Test
  void listMetricFiltersReturnsTheFiltersOfEveryGroupWithThePrefixAcrossPages() {
    String first = groupName("inventory/a");
    String second = groupName("inventory/b");
    String outside = groupName("elsewhere");
    create(first);
    create(second);
    create(outside);
    // 60 filters under the prefix: more than one page of 50 however the region's filters fall.
    List<MetricFilterConfig> expected = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      for (String group : List.of(first, second)) {
        MetricFilterConfig filter = countFilter(group, "f-%02d".formatted(i));
        gateway().putMetricFilter(filter);
        expected.add(filter);
      }
    }
    gateway().putMetricFilter(countFilter(outside, "outside"));

    List<MetricFilterConfig> listed = gateway().listMetricFilters(groupName("inventory/"));

    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
  }

  // ---- alarms ----

  @Test
  protected void alarmKeepsItsFullConfigurationAndStartsWithoutData() {
    AlarmConfig alarm = fullAlarm(alarmName("full"));

    gateway().putMetricAlarm(alarm, Map.of());

    List<ObservedAlarm> described = gateway().describeAlarms(List.of(alarm.alarmName()));
    assertThat(described).hasSize(1);
    ObservedAlarm observed = described.get(0);
    assertThat(observed.config()).isEqualTo(alarm);
    assertThat(observed.arn())
        .startsWith("arn:aws:cloudwatch:")
        .endsWith(":alarm:" + alarm.alarmName());
    assertThat(observed.state()).isEqualTo("INSUFFICIENT_DATA");
  }

  @Test
  void alarmOnAnExtendedStatisticKeepsIt() {
    AlarmConfig alarm =
        new AlarmConfig(
            alarmName("p99"),
            null,
            "AIModelAuditing",
            "LatencyMs",
            Map.of(),
            null,
            "p99",
            300,
            2,
            2,
            "GreaterThanThreshold",
            250.0,
            "ignore",
            false,
            List.of(),
            List.of(),
            List.of(),
            null);

    gateway().putMetricAlarm(alarm, Map.of());

    assertThat(gateway().describeAlarms(List.of(alarm.alarmName())))
        .singleElement()
        .extracting(ObservedAlarm::config)
        .isEqualTo(alarm);
  }

  @Test
  void describeAlarmsLeavesOutNamesThatDoNotExist() {
    String present = alarmName("present");
    gateway().putMetricAlarm(simpleAlarm(present, 5), Map.of());

    List<ObservedAlarm> described = gateway().describeAlarms(List.of(present, alarmName("absent")));

    assertThat(described).extracting(ObservedAlarm::alarmName).containsExactly(present);
    assertThat(gateway().describeAlarms(List.of(alarmName("absent")))).isEmpty();
  }

  @Test
  void listAlarmsReturnsOnlyThoseWithThePrefix() {
    gateway().putMetricAlarm(simpleAlarm(alarmName("team-a-errors"), 5), Map.of());
    gateway().putMetricAlarm(simpleAlarm(alarmName("team-a-latency"), 5), Map.of());
    gateway().putMetricAlarm(simpleAlarm(alarmName("team-b-errors"), 5), Map.of());

    assertThat(gateway().listAlarms(alarmName("team-a-")))
        .extracting(ObservedAlarm::alarmName)
        .containsExactlyInAnyOrder(alarmName("team-a-errors"), alarmName("team-a-latency"));
  }

  @Test
  protected void alarmNamePrefixesAreAtMost255Characters() {
    String longest = alarmName("p").concat("x".repeat(255)).substring(0, 255);
    gateway().putMetricAlarm(simpleAlarm(longest, 5), Map.of());

    assertThat(gateway().listAlarms(longest))
        .extracting(ObservedAlarm::alarmName)
        .containsExactly(longest);
    assertFails(Kind.INVALID_INPUT, () -> gateway().listAlarms(longest + "x"));
  }

  @Test
  void alarmTagsAreSetOnCreateAndChangedByTagAndUntag() {
    String name = alarmName("tagged");
    gateway().putMetricAlarm(simpleAlarm(name, 5), Map.of("modelaudit.io/owner", "ml-prod/fraud"));
    String arn = arnOfAlarm(name);
    assertThat(gateway().listAlarmTags(arn))
        .isEqualTo(Map.of("modelaudit.io/owner", "ml-prod/fraud"));

    gateway().tagAlarm(arn, Map.of("Environment", "production"));
    gateway().untagAlarm(arn, Set.of("modelaudit.io/owner"));

    assertThat(gateway().listAlarmTags(arn)).isEqualTo(Map.of("Environment", "production"));
  }

  @Test
  protected void updatingAnAlarmReplacesItsConfigurationButIgnoresTags() {
    String name = alarmName("updated");
    gateway().putMetricAlarm(simpleAlarm(name, 5), Map.of("modelaudit.io/owner", "ml-prod/a"));

    AlarmConfig updated = simpleAlarm(name, 10);
    gateway()
        .putMetricAlarm(updated, Map.of("modelaudit.io/owner", "ml-prod/b", "Extra", "ignored"));

    assertThat(gateway().describeAlarms(List.of(name)))
        .singleElement()
        .extracting(ObservedAlarm::config)
        .isEqualTo(updated);
    assertThat(gateway().listAlarmTags(arnOfAlarm(name)))
        .isEqualTo(Map.of("modelaudit.io/owner", "ml-prod/a"));
  }

  @Test
  void deletedAlarmsAreGoneAndDeletingMissingOnesIsNoError() {
    String first = alarmName("first");
    String second = alarmName("second");
    gateway().putMetricAlarm(simpleAlarm(first, 5), Map.of());
    gateway().putMetricAlarm(simpleAlarm(second, 5), Map.of());

    gateway().deleteAlarms(List.of(first, second));

    assertThat(gateway().describeAlarms(List.of(first, second))).isEmpty();
    gateway().deleteAlarms(List.of(first, alarmName("never-created")));
  }

  // ---- metric math and anomaly bands ----

  @Test
  void metricMathAlarmKeepsItsMetricsAndItsReturnedSeries() {
    AlarmConfig alarm = rateAlarm(alarmName("rate"));

    gateway().putMetricAlarm(alarm, Map.of());

    assertThat(gateway().describeAlarms(List.of(alarm.alarmName())))
        .singleElement()
        .extracting(ObservedAlarm::config)
        .isEqualTo(alarm);
    assertThat(gateway().listAlarms(alarmName("rate")))
        .extracting(ObservedAlarm::config)
        .containsExactly(alarm);
  }

  @Test
  void anomalyAlarmKeepsItsBandAsThresholdMetricId() {
    AlarmConfig alarm = bandAlarm(alarmName("band"));

    gateway().putMetricAlarm(alarm, Map.of());

    ObservedAlarm observed = gateway().describeAlarms(List.of(alarm.alarmName())).get(0);
    assertThat(observed.config().metrics()).isEqualTo(alarm.metrics());
    assertThat(observed.config().thresholdMetricId()).isEqualTo("band");
    assertThat(observed.config().comparisonOperator())
        .isEqualTo("LessThanLowerOrGreaterThanUpperThreshold");
  }

  @Test
  void updatingAMetricMathAlarmReplacesItsMetrics() {
    AlarmConfig alarm = rateAlarm(alarmName("rate-update"));
    gateway().putMetricAlarm(alarm, Map.of());
    List<MetricQuery> metrics = new java.util.ArrayList<>(alarm.metrics());
    metrics.set(2, MetricQuery.expression("rate", "Error %", "errors * 100 / requests", true));
    AlarmConfig updated = withMetrics(alarm, metrics, 7.5);

    gateway().putMetricAlarm(updated, Map.of());

    assertThat(gateway().describeAlarms(List.of(alarm.alarmName())))
        .singleElement()
        .extracting(ObservedAlarm::config)
        .isEqualTo(updated);
  }

  // ---- composite alarms ----

  @Test
  protected void compositeAlarmIsCreatedDescribedTaggedAndDeleted() {
    String child = alarmName("child");
    gateway().putMetricAlarm(simpleAlarm(child, 5), Map.of());
    CompositeAlarmConfig composite =
        new CompositeAlarmConfig(
            alarmName("health"),
            "health of the model",
            "ALARM(\"" + child + "\")",
            true,
            List.of(topic("model-alerts")),
            List.of(topic("model-alerts")),
            List.of(),
            null,
            null,
            null);

    gateway().putCompositeAlarm(composite, Map.of("modelaudit.io/owner", "ml-prod/a"));

    ObservedCompositeAlarm observed =
        gateway().describeCompositeAlarms(List.of(composite.alarmName())).get(0);
    assertThat(observed.config()).isEqualTo(composite);
    assertThat(observed.arn()).endsWith(":alarm:" + composite.alarmName());
    assertThat(gateway().listCompositeAlarms(alarmName("health")))
        .extracting(ObservedCompositeAlarm::alarmName)
        .containsExactly(composite.alarmName());
    // a composite alarm is not a metric alarm
    assertThat(gateway().describeAlarms(List.of(composite.alarmName()))).isEmpty();
    assertThat(gateway().listAlarmTags(observed.arn()))
        .isEqualTo(Map.of("modelaudit.io/owner", "ml-prod/a"));
    gateway().tagAlarm(observed.arn(), Map.of("Team", "ml"));
    assertThat(gateway().listAlarmTags(observed.arn())).containsEntry("Team", "ml");

    gateway().deleteAlarms(List.of(composite.alarmName()));
    assertThat(gateway().describeCompositeAlarms(List.of(composite.alarmName()))).isEmpty();
  }

  @Test
  protected void compositeAlarmKeepsItsActionsSuppressor() {
    String child = alarmName("watched");
    String maintenance = alarmName("maintenance");
    gateway().putMetricAlarm(simpleAlarm(child, 5), Map.of());
    gateway().putMetricAlarm(simpleAlarm(maintenance, 1), Map.of());
    CompositeAlarmConfig composite =
        new CompositeAlarmConfig(
            alarmName("suppressed"),
            null,
            "ALARM(\"" + child + "\")",
            true,
            List.of(),
            List.of(),
            List.of(),
            maintenance,
            120,
            300);

    gateway().putCompositeAlarm(composite, Map.of());

    assertThat(gateway().describeCompositeAlarms(List.of(composite.alarmName())))
        .singleElement()
        .extracting(ObservedCompositeAlarm::config)
        .isEqualTo(composite);
  }

  @Test
  protected void compositeAlarmOverAnAlarmThatDoesNotExistIsRefused() {
    CompositeAlarmConfig composite =
        new CompositeAlarmConfig(
            alarmName("orphan-health"),
            null,
            "ALARM(\"" + alarmName("never-created") + "\")",
            true,
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null);

    assertFails(Kind.INVALID_INPUT, () -> gateway().putCompositeAlarm(composite, Map.of()));
    assertThat(gateway().describeCompositeAlarms(List.of(composite.alarmName()))).isEmpty();
  }

  @Test
  protected void anAlarmACompositeAlarmWatchesIsNotDeletedBeforeIt() {
    String child = alarmName("needed");
    gateway().putMetricAlarm(simpleAlarm(child, 5), Map.of());
    String parent = alarmName("parent");
    gateway()
        .putCompositeAlarm(
            new CompositeAlarmConfig(
                parent,
                null,
                "ALARM(\"" + child + "\")",
                true,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null),
            Map.of());

    assertFails(Kind.INVALID_INPUT, () -> gateway().deleteAlarms(List.of(child)));
    assertThat(gateway().describeAlarms(List.of(child))).hasSize(1);

    gateway().deleteAlarms(List.of(parent));
    gateway().deleteAlarms(List.of(child));
    assertThat(gateway().describeAlarms(List.of(child))).isEmpty();
  }

  // ---- anomaly detectors ----

  @Test
  protected void anomalyDetectorIsCreatedDescribedReconfiguredAndDeleted() {
    AnomalyDetectorConfig detector =
        new AnomalyDetectorConfig(
            metricNamespace(), "Requests", Map.of("Model", "a"), "Sum", List.of(), null);

    gateway().putAnomalyDetector(detector);

    assertThat(gateway().describeAnomalyDetectors(metricNamespace(), "Requests"))
        .extracting(ObservedAnomalyDetector::config)
        .containsExactly(detector);

    AnomalyDetectorConfig trained =
        new AnomalyDetectorConfig(
            metricNamespace(),
            "Requests",
            Map.of("Model", "a"),
            "Sum",
            List.of(
                new AnomalyDetectorConfig.TimeRange(
                    java.time.Instant.parse("2026-11-20T08:00:00Z"),
                    java.time.Instant.parse("2026-11-20T12:00:00Z"))),
            "Europe/Berlin");
    gateway().putAnomalyDetector(trained);

    assertThat(gateway().describeAnomalyDetectors(metricNamespace(), "Requests"))
        .extracting(ObservedAnomalyDetector::config)
        .containsExactly(trained);

    gateway().deleteAnomalyDetector(detector);
    assertThat(gateway().describeAnomalyDetectors(metricNamespace(), "Requests")).isEmpty();
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteAnomalyDetector(detector));
  }

  // ---- dashboards ----

  @Test
  void dashboardIsPutReadListedReplacedAndDeleted() {
    String name = dashboardName("model");
    String body =
        "{\"widgets\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":24,"
            + "\"height\":2,\"properties\":{\"markdown\":\"# model\"}}]}";

    gateway().putDashboard(new DashboardConfig(name, body), Map.of());

    ObservedDashboard observed = gateway().getDashboard(name).orElseThrow();
    assertThat(observed.name()).isEqualTo(name);
    assertThat(observed.arn()).contains(":dashboard/" + name);
    assertThat(observed.body()).isEqualTo(body);
    assertThat(gateway().listDashboards(dashboardName("")))
        .extracting(DashboardEntry::name)
        .containsExactly(name);

    String replaced = "{\"widgets\":[]}";
    gateway().putDashboard(new DashboardConfig(name, replaced), Map.of());
    assertThat(gateway().getDashboard(name).orElseThrow().body()).isEqualTo(replaced);

    gateway().deleteDashboards(List.of(name));
    assertThat(gateway().getDashboard(name)).isEmpty();
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteDashboards(List.of(name)));
  }

  @Test
  void aDashboardBodyThatIsNotJsonIsRefused() {
    String name = dashboardName("broken");

    assertFails(
        Kind.INVALID_INPUT,
        () -> gateway().putDashboard(new DashboardConfig(name, "{widgets"), Map.of()));
    assertThat(gateway().getDashboard(name)).isEmpty();
  }

  @Test
  protected void dashboardTagsAreSetOnCreateAndChangedByTagAndUntag() {
    String name = dashboardName("tagged");
    gateway()
        .putDashboard(
            new DashboardConfig(name, "{\"widgets\":[]}"),
            Map.of("modelaudit.io/owner", "ml-prod/a"));
    String arn = gateway().getDashboard(name).orElseThrow().arn();
    assertThat(gateway().listDashboardTags(arn))
        .isEqualTo(Map.of("modelaudit.io/owner", "ml-prod/a"));

    // an update ignores the tags of the request
    gateway()
        .putDashboard(
            new DashboardConfig(name, "{\"widgets\":[]}"), Map.of("modelaudit.io/owner", "x/y"));
    gateway().tagDashboard(arn, Map.of("Team", "ml"));
    gateway().untagDashboard(arn, Set.of("modelaudit.io/owner"));

    assertThat(gateway().listDashboardTags(arn)).isEqualTo(Map.of("Team", "ml"));
  }

  // ---- subscription filters (the archive) ----

  private static final String ARCHIVE_ROLE =
      "arn:aws:iam::123456789012:role/modelaudit.contract.archive";

  @Test
  void subscriptionFiltersArePutReplacedListedAndDeleted() {
    String name = groupName("archived");
    create(name);
    String stream = createFirehoseStream("modelaudit-contract-" + run + "-a");
    SubscriptionFilterConfig all =
        new SubscriptionFilterConfig(name, "to-s3", "", stream, ARCHIVE_ROLE, "ByLogStream");

    gateway().putSubscriptionFilter(all);
    assertThat(gateway().describeSubscriptionFilters(name)).containsExactly(all);

    SubscriptionFilterConfig errorsOnly =
        new SubscriptionFilterConfig(
            name, "to-s3", "{ $.level = \"ERROR\" }", stream, ARCHIVE_ROLE, "ByLogStream");
    gateway().putSubscriptionFilter(errorsOnly);
    assertThat(gateway().describeSubscriptionFilters(name)).containsExactly(errorsOnly);

    gateway().deleteSubscriptionFilter(name, "to-s3");
    assertThat(gateway().describeSubscriptionFilters(name)).isEmpty();
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteSubscriptionFilter(name, "to-s3"));
  }

  @Test
  void aThirdSubscriptionFilterIsOverTheLimitOfTwo() {
    String name = groupName("three-archives");
    create(name);
    String stream = createFirehoseStream("modelaudit-contract-" + run + "-b");
    for (String filter : List.of("one", "two")) {
      gateway()
          .putSubscriptionFilter(
              new SubscriptionFilterConfig(name, filter, "", stream, ARCHIVE_ROLE, "ByLogStream"));
    }

    assertFails(
        Kind.LIMIT_EXCEEDED,
        () ->
            gateway()
                .putSubscriptionFilter(
                    new SubscriptionFilterConfig(
                        name, "three", "", stream, ARCHIVE_ROLE, "ByLogStream")));
    assertThat(gateway().describeSubscriptionFilters(name))
        .extracting(SubscriptionFilterConfig::filterName)
        .containsExactlyInAnyOrder("one", "two");
  }

  /** With two filters on the group, putting one of them again replaces it. */
  @Test
  protected void oneOfTwoSubscriptionFiltersIsReplacedInPlace() {
    String name = groupName("two-archives");
    create(name);
    String stream = createFirehoseStream("modelaudit-contract-" + run + "-c");
    for (String filter : List.of("one", "two")) {
      gateway()
          .putSubscriptionFilter(
              new SubscriptionFilterConfig(name, filter, "", stream, ARCHIVE_ROLE, "ByLogStream"));
    }
    SubscriptionFilterConfig edited =
        new SubscriptionFilterConfig(name, "one", "ERROR", stream, ARCHIVE_ROLE, "ByLogStream");

    gateway().putSubscriptionFilter(edited);

    assertThat(gateway().describeSubscriptionFilters(name)).contains(edited).hasSize(2);
  }

  /** A Random distribution is kept as put. */
  @Test
  protected void subscriptionFilterKeepsItsDistribution() {
    String name = groupName("random");
    create(name);
    String stream = createFirehoseStream("modelaudit-contract-" + run + "-d");
    SubscriptionFilterConfig random =
        new SubscriptionFilterConfig(name, "spread", "", stream, ARCHIVE_ROLE, "Random");

    gateway().putSubscriptionFilter(random);

    assertThat(gateway().describeSubscriptionFilters(name)).containsExactly(random);
  }

  @Test
  void aSubscriptionFilterToAMissingDestinationIsRefused() {
    String name = groupName("nowhere");
    create(name);
    String missing =
        "arn:aws:firehose:" + region() + ":123456789012:deliverystream/never-created-" + run;

    assertFails(
        Kind.INVALID_INPUT,
        () ->
            gateway()
                .putSubscriptionFilter(
                    new SubscriptionFilterConfig(
                        name, "lost", "", missing, ARCHIVE_ROLE, "ByLogStream")));
    assertThat(gateway().describeSubscriptionFilters(name)).isEmpty();
    assertFails(Kind.NOT_FOUND, () -> gateway().describeSubscriptionFilters(groupName("none")));
  }

  // ---- data protection ----

  /** The example policy of AWS's documentation, in short: mask e-mail addresses. */
  protected static final String MASK_EMAILS =
      "{\"Name\":\"contract\",\"Version\":\"2021-06-01\",\"Statement\":["
          + "{\"Sid\":\"audit\",\"DataIdentifier\":"
          + "[\"arn:aws:dataprotection::aws:data-identifier/EmailAddress\"],"
          + "\"Operation\":{\"Audit\":{\"FindingsDestination\":{}}}},"
          + "{\"Sid\":\"redact\",\"DataIdentifier\":"
          + "[\"arn:aws:dataprotection::aws:data-identifier/EmailAddress\"],"
          + "\"Operation\":{\"Deidentify\":{\"MaskConfig\":{}}}}]}";

  @Test
  protected void dataProtectionPolicyIsPutReadAndDeleted() {
    String name = groupName("masked");
    create(name);
    assertThat(gateway().getDataProtectionPolicy(name)).isEmpty();

    gateway().putDataProtectionPolicy(name, MASK_EMAILS);

    assertThat(gateway().getDataProtectionPolicy(name))
        .hasValueSatisfying(d -> assertThat(JsonDocuments.same(d, MASK_EMAILS)).isTrue());
    assertFails(
        Kind.INVALID_INPUT,
        () ->
            gateway()
                .putDataProtectionPolicy(
                    name, MASK_EMAILS.replace("EmailAddress", "SocialSecurity")));
    gateway().deleteDataProtectionPolicy(name);
    assertThat(gateway().getDataProtectionPolicy(name)).isEmpty();
    assertFails(Kind.NOT_FOUND, () -> gateway().getDataProtectionPolicy(groupName("none")));
  }

  // ---- query definitions ----

  @Test
  protected void queryDefinitionsAreCreatedListedByPrefixReplacedAndDeleted() {
    String prefix = "modelaudit-contract/" + run + "/";
    QueryDefinition errors =
        new QueryDefinition(
            null, prefix + "errors", "fields @message | filter level = \"ERROR\"", List.of());
    String id = gateway().putQueryDefinition(errors);
    try {
      String other =
          gateway()
              .putQueryDefinition(
                  new QueryDefinition(
                      null, "modelaudit-contract/elsewhere-" + run, "fields @message", List.of()));
      gateway().deleteQueryDefinition(other);

      assertThat(gateway().listQueryDefinitions(prefix)).containsExactly(errors.withId(id));

      QueryDefinition replaced =
          new QueryDefinition(id, prefix + "errors-v2", "fields @timestamp", List.of());
      assertThat(gateway().putQueryDefinition(replaced)).isEqualTo(id);
      assertThat(gateway().listQueryDefinitions(prefix)).containsExactly(replaced);
    } finally {
      gateway().deleteQueryDefinition(id);
    }
    assertThat(gateway().listQueryDefinitions(prefix)).isEmpty();
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteQueryDefinition(id));
  }

  // ---- field index policy ----

  @Test
  protected void indexPolicyIsPutReadAndDeleted() {
    String name = groupName("indexed");
    create(name);
    String fields = "{\"Fields\":[\"gen_ai.conversation.id\",\"request_id\"]}";
    assertThat(gateway().getIndexPolicy(name)).isEmpty();

    gateway().putIndexPolicy(name, fields);

    assertThat(gateway().getIndexPolicy(name))
        .hasValueSatisfying(d -> assertThat(JsonDocuments.same(d, fields)).isTrue());
    gateway().deleteIndexPolicy(name);
    assertThat(gateway().getIndexPolicy(name)).isEmpty();
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteIndexPolicy(name));
  }

  // ---- fixtures ----

  protected AlarmConfig rateAlarm(String name) {
    return withMetrics(
        simpleAlarm(name, 5),
        List.of(
            MetricQuery.metric(
                "errors",
                null,
                "AIModelAuditing",
                "Errors",
                Map.of("Model", "a"),
                300,
                "Sum",
                false),
            MetricQuery.metric(
                "requests", null, "AIModelAuditing", "Requests", Map.of(), 300, "Sum", false),
            MetricQuery.expression("rate", "Error rate (%)", "100 * errors / requests", true)),
        5);
  }

  protected AlarmConfig bandAlarm(String name) {
    AlarmConfig plain = simpleAlarm(name, 0);
    return new AlarmConfig(
        name,
        plain.description(),
        null,
        null,
        Map.of(),
        null,
        null,
        0,
        3,
        2,
        "LessThanLowerOrGreaterThanUpperThreshold",
        0,
        "ignore",
        true,
        plain.alarmActions(),
        plain.okActions(),
        List.of(),
        null,
        List.of(
            MetricQuery.metric(
                "requests", null, "AIModelAuditing", "Requests", Map.of(), 300, "Sum", true),
            MetricQuery.expression(
                "band", "Expected requests", "ANOMALY_DETECTION_BAND(requests, 2)", true)),
        "band");
  }

  private static AlarmConfig withMetrics(
      AlarmConfig alarm, List<MetricQuery> metrics, double threshold) {
    return new AlarmConfig(
        alarm.alarmName(),
        alarm.description(),
        null,
        null,
        Map.of(),
        null,
        null,
        0,
        alarm.evaluationPeriods(),
        alarm.datapointsToAlarm(),
        alarm.comparisonOperator(),
        threshold,
        alarm.treatMissingData(),
        alarm.actionsEnabled(),
        alarm.alarmActions(),
        alarm.okActions(),
        alarm.insufficientDataActions(),
        null,
        metrics,
        null);
  }

  private void create(String name) {
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());
  }

  private Integer retentionOf(String name) {
    return gateway().describeLogGroup(name).orElseThrow().config().retentionInDays();
  }

  private String arnOfAlarm(String name) {
    return gateway().describeAlarms(List.of(name)).get(0).arn();
  }

  private static MetricFilterConfig countFilter(String group, String filterName) {
    return new MetricFilterConfig(
        group,
        filterName,
        "{ $.level = \"ERROR\" }",
        "AIModelAuditing",
        "ErrorCount",
        "1",
        null,
        "Count",
        Map.of());
  }

  protected String topic(String name) {
    return "arn:aws:sns:" + region() + ":123456789012:" + name;
  }

  private AlarmConfig fullAlarm(String name) {
    return new AlarmConfig(
        name,
        "Error rate of fraud-detector 3.2",
        "AIModelAuditing",
        "ErrorCount",
        Map.of("Model", "fraud-detector", "Version", "3.2"),
        "Sum",
        null,
        60,
        3,
        2,
        "GreaterThanOrEqualToThreshold",
        5.5,
        "notBreaching",
        true,
        List.of(topic("model-alerts"), topic("model-pager")),
        List.of(topic("model-alerts")),
        List.of(topic("model-data-gaps")),
        "Count");
  }

  protected AlarmConfig simpleAlarm(String name, double threshold) {
    return new AlarmConfig(
        name,
        "test alarm",
        "AIModelAuditing",
        "EventCount",
        Map.of(),
        "Sum",
        null,
        60,
        1,
        1,
        "GreaterThanThreshold",
        threshold,
        "missing",
        true,
        List.of(topic("model-alerts")),
        List.of(topic("model-alerts")),
        List.of(),
        null);
  }

  /** Asserts that the call fails with a gateway error of this kind. */
  protected static void assertFails(Kind kind, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
  }
}
