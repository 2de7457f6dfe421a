package io.modelaudit.operator.cloudwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.AnomalyDetectorConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGatewayContract;
import io.modelaudit.operator.cloudwatch.CompositeAlarmConfig;
import io.modelaudit.operator.cloudwatch.DashboardConfig;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The shared port contract against moto, through the production AWS SDK adapter, so that the
 * in-memory fake cannot drift from a real implementation unnoticed.
 *
 * <p>moto is not reset here: the contract's random names and its own cleanup must hold up on a
 * long-lived emulator. Each override below is one scenario where moto 5.2.1 differs from AWS; it
 * asserts what moto really does, so a moto upgrade that closes the gap makes it fail and the
 * override can go.
 */
@ExtendWith(MotoServer.Extension.class)
class AwsCloudWatchGatewayContractIT extends CloudWatchGatewayContract {

  private static final String KMS_KEY =
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private static CloudWatchClient rawCloudWatch;

  private static MotoServer server;

  @BeforeAll
  static void connect(MotoServer moto) {
    rawCloudWatch = MotoSupport.cloudWatchClient(moto);
    server = moto;
  }

  @Override
  protected String createFirehoseStream(String name) {
    return MotoSupport.createFirehoseStream(server, name);
  }

  @AfterAll
  static void disconnect() {
    if (rawCloudWatch != null) {
      rawCloudWatch.close();
    }
  }

  @Override
  protected CloudWatchGateway gateway() {
    return MotoSupport.gateway();
  }

  @Override
  protected String region() {
    return MotoSupport.REGION;
  }

  /** AWS associates and disassociates the key; moto 5.2.1 has neither operation (HTTP 500). */
  @Test
  @Override
  protected void kmsKeyIsAssociatedAndDisassociated() {
    String name = groupName("encrypted");
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());

    assertFails(Kind.TRANSIENT, () -> gateway().associateKmsKey(name, KMS_KEY));
    assertThat(gateway().describeLogGroup(name).orElseThrow().config().kmsKeyArn()).isNull();

    String encrypted = groupName("encrypted-at-creation");
    gateway()
        .createLogGroup(new LogGroupConfig(encrypted, null, KMS_KEY, "STANDARD", false), Map.of());
    assertFails(Kind.TRANSIENT, () -> gateway().disassociateKmsKey(encrypted));
    assertThat(gateway().describeLogGroup(encrypted).orElseThrow().config().kmsKeyArn())
        .isEqualTo(KMS_KEY);
  }

  /**
   * AWS answers ResourceNotFoundException to PutMetricFilter on a missing group; moto stores the
   * filter. Every other operation is NOT_FOUND as on AWS.
   */
  @Test
  @Override
  protected void operationsOnAMissingLogGroupAreNotFound() {
    String missing = groupName("missing");

    assertFails(Kind.NOT_FOUND, () -> gateway().putRetentionPolicy(missing, 7));
    assertFails(Kind.NOT_FOUND, () -> gateway().deleteRetentionPolicy(missing));
    assertFails(Kind.NOT_FOUND, () -> gateway().createLogStream(missing, "events"));
    assertFails(Kind.NOT_FOUND, () -> gateway().listLogStreams(missing));
    MetricFilterConfig orphan = errorCount(missing, "errors", "ERROR");
    gateway().putMetricFilter(orphan);
    assertThat(gateway().describeMetricFilters(missing)).containsExactly(orphan);
    assertThat(gateway().describeLogGroup(missing)).isEmpty();
    // Nothing else removes it: moto keeps filters of groups that do not exist.
    gateway().deleteMetricFilter(missing, "errors");
    assertThat(gateway().describeMetricFilters(missing)).isEmpty();
  }

  /** AWS replaces a filter put again under its name; moto appends a second one of that name. */
  @Test
  @Override
  protected void puttingAFilterWithAnExistingNameReplacesIt() {
    String name = groupName("replace");
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());
    MetricFilterConfig original = errorCount(name, "events", "ERROR");
    MetricFilterConfig replacement = errorCount(name, "events", "[timestamp=*Z, request_id, ...]");
    gateway().putMetricFilter(original);

    gateway().putMetricFilter(replacement);

    assertThat(gateway().describeMetricFilters(name)).containsExactly(original, replacement);
  }

  /** AWS answers ResourceNotFoundException when the filter does not exist; moto says nothing. */
  @Test
  @Override
  protected void deletedFilterIsGoneAndDeletingAMissingOneIsNotFound() {
    String name = groupName("delete-filter");
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());
    gateway().putMetricFilter(errorCount(name, "errors", "ERROR"));
    gateway().putMetricFilter(errorCount(name, "warnings", "WARN"));

    gateway().deleteMetricFilter(name, "errors");

    assertThat(gateway().describeMetricFilters(name))
        .extracting(MetricFilterConfig::filterName)
        .containsExactly("warnings");
    gateway().deleteMetricFilter(name, "errors");
    assertThat(gateway().describeMetricFilters(name))
        .extracting(MetricFilterConfig::filterName)
        .containsExactly("warnings");
  }

  /** AWS starts a new alarm in INSUFFICIENT_DATA; moto starts it in OK. */
  @Test
  @Override
  protected void alarmKeepsItsFullConfigurationAndStartsWithoutData() {
    AlarmConfig alarm = alarm(alarmName("full"), 5.5);

    gateway().putMetricAlarm(alarm, Map.of());

    ObservedAlarm observed = gateway().describeAlarms(List.of(alarm.alarmName())).get(0);
    assertThat(observed.config()).isEqualTo(alarm);
    assertThat(observed.arn())
        .isEqualTo(
            "arn:aws:cloudwatch:"
                + region()
                + ":"
                + MotoSupport.ACCOUNT_ID
                + ":alarm:"
                + alarm.alarmName());
    assertThat(observed.state()).isEqualTo("OK");
  }

  /**
   * AWS ignores tags when PutMetricAlarm updates an alarm and leaves its state alone; moto merges
   * the tags in and resets the state to OK.
   */
  @Test
  @Override
  protected void updatingAnAlarmReplacesItsConfigurationButIgnoresTags() {
    String name = alarmName("updated");
    gateway().putMetricAlarm(alarm(name, 5), Map.of("modelaudit.io/owner", "ml-prod/a"));
    rawCloudWatch.setAlarmState(
        b -> b.alarmName(name).stateValue(StateValue.ALARM).stateReason("test"));
    assertThat(gateway().describeAlarms(List.of(name)).get(0).state()).isEqualTo("ALARM");

    AlarmConfig updated = alarm(name, 10);
    gateway()
        .putMetricAlarm(updated, Map.of("modelaudit.io/owner", "ml-prod/b", "Extra", "ignored"));

    ObservedAlarm observed = gateway().describeAlarms(List.of(name)).get(0);
    assertThat(observed.config()).isEqualTo(updated);
    assertThat(observed.state()).isEqualTo("OK");
    assertThat(gateway().listAlarmTags(observed.arn()))
        .isEqualTo(Map.of("modelaudit.io/owner", "ml-prod/b", "Extra", "ignored"));
  }

  /**
   * AWS replaces a filter put again under its name; moto 5.2.1 counts the group's filters before it
   * looks at the name, so with two filters on the group it refuses the update as LimitExceeded.
   */
  @Test
  @Override
  protected void oneOfTwoSubscriptionFiltersIsReplacedInPlace() {
    String name = groupName("two-archives");
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());
    String stream = createFirehoseStream("modelaudit-contract-two-" + name.hashCode());
    String role = "arn:aws:iam::123456789012:role/modelaudit.contract.archive";
    for (String filter : List.of("one", "two")) {
      gateway()
          .putSubscriptionFilter(
              new SubscriptionFilterConfig(name, filter, "", stream, role, "ByLogStream"));
    }

    assertFails(
        Kind.LIMIT_EXCEEDED,
        () ->
            gateway()
                .putSubscriptionFilter(
                    new SubscriptionFilterConfig(
                        name, "one", "ERROR", stream, role, "ByLogStream")));
  }

  /** AWS keeps the distribution; moto 5.2.1 drops it and always describes ByLogStream. */
  @Test
  @Override
  protected void subscriptionFilterKeepsItsDistribution() {
    String name = groupName("random");
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());
    String stream = createFirehoseStream("modelaudit-contract-random-" + name.hashCode());
    String role = "arn:aws:iam::123456789012:role/modelaudit.contract.archive";

    gateway()
        .putSubscriptionFilter(
            new SubscriptionFilterConfig(name, "spread", "", stream, role, "Random"));

    assertThat(gateway().describeSubscriptionFilters(name))
        .extracting(SubscriptionFilterConfig::distribution)
        .containsExactly("ByLogStream");
  }

  /**
   * moto 5.2.1 has no data protection policies: every call answers HTTP 500 ("not implemented"),
   * which the adapter classifies as transient. The fake implements AWS's rules for them.
   */
  @Test
  @Override
  protected void dataProtectionPolicyIsPutReadAndDeleted() {
    String name = groupName("masked");
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());

    assertFails(Kind.TRANSIENT, () -> gateway().putDataProtectionPolicy(name, MASK_EMAILS));
  }

  /** moto 5.2.1 has no query definitions: HTTP 500, classified as transient. */
  @Test
  @Override
  protected void queryDefinitionsAreCreatedListedByPrefixReplacedAndDeleted() {
    assertFails(Kind.TRANSIENT, () -> gateway().listQueryDefinitionsPage("modelaudit/", null));
  }

  /** moto 5.2.1 has no field index policies: HTTP 500, classified as transient. */
  @Test
  @Override
  protected void indexPolicyIsPutReadAndDeleted() {
    String name = groupName("indexed");
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", false), Map.of());

    assertFails(Kind.TRANSIENT, () -> gateway().getIndexPolicy(name));
  }

  /**
   * AWS keeps a protected group and its streams; moto 5.2.1 has no deletion protection (it drops
   * the flag at creation and answers PutLogGroupDeletionProtection with HTTP 500), so every
   * deletion goes through.
   */
  @Test
  @Override
  protected void deletionProtectionKeepsTheGroupAndItsStreamsButNotItsFilters() {
    String name = groupName("protected");
    gateway().createLogGroup(new LogGroupConfig(name, null, null, "STANDARD", true), Map.of());
    gateway().createLogStream(name, "events");
    gateway().putMetricFilter(errorCount(name, "errors", "ERROR"));

    assertThat(gateway().describeLogGroup(name).orElseThrow().config().deletionProtection())
        .isFalse();
    gateway().deleteLogStream(name, "events");
    gateway().deleteMetricFilter(name, "errors");
    gateway().deleteLogGroup(name);
    assertThat(gateway().describeLogGroup(name)).isEmpty();
  }

  /**
   * AWS refuses an AlarmNamePrefix longer than 255 characters (ValidationError); moto lists by it
   * (and finds nothing, since no alarm name is that long).
   */
  @Test
  @Override
  protected void alarmNamePrefixesAreAtMost255Characters() {
    String longest = alarmName("p").concat("x".repeat(255)).substring(0, 255);
    gateway().putMetricAlarm(simpleAlarm(longest, 5), Map.of());

    assertThat(gateway().listAlarms(longest))
        .extracting(ObservedAlarm::alarmName)
        .containsExactly(longest);
    assertThat(gateway().listAlarms(longest + "x")).isEmpty();
  }

  // ---- composite alarms, anomaly detectors, dashboard tags: not in moto 5.2.1 ----

  /**
   * AWS creates, describes, tags and deletes composite alarms; moto 5.2.1 has no PutCompositeAlarm
   * (HTTP 500) and so never lists one. The in-memory fake implements them from AWS's reference, and
   * the moto tests take them from it (MotoGaps).
   */
  @Test
  @Override
  protected void compositeAlarmIsCreatedDescribedTaggedAndDeleted() {
    assertMotoHasNoCompositeAlarms();
  }

  /** As {@link #compositeAlarmIsCreatedDescribedTaggedAndDeleted}. */
  @Test
  @Override
  protected void compositeAlarmKeepsItsActionsSuppressor() {
    assertMotoHasNoCompositeAlarms();
  }

  /** As {@link #compositeAlarmIsCreatedDescribedTaggedAndDeleted}. */
  @Test
  @Override
  protected void compositeAlarmOverAnAlarmThatDoesNotExistIsRefused() {
    assertMotoHasNoCompositeAlarms();
  }

  /**
   * AWS refuses to delete an alarm a composite alarm depends on; moto has no composite alarms, so
   * there is nothing to refuse.
   */
  @Test
  @Override
  protected void anAlarmACompositeAlarmWatchesIsNotDeletedBeforeIt() {
    assertMotoHasNoCompositeAlarms();
  }

  /** AWS keeps anomaly detection models; moto 5.2.1 implements none of their operations. */
  @Test
  @Override
  protected void anomalyDetectorIsCreatedDescribedReconfiguredAndDeleted() {
    AnomalyDetectorConfig detector =
        new AnomalyDetectorConfig(metricNamespace(), "Requests", Map.of(), "Sum", List.of(), null);

    assertFails(Kind.TRANSIENT, () -> gateway().putAnomalyDetector(detector));
    assertFails(
        Kind.TRANSIENT, () -> gateway().describeAnomalyDetectors(metricNamespace(), "Requests"));
    assertFails(Kind.TRANSIENT, () -> gateway().deleteAnomalyDetector(detector));
  }

  /**
   * AWS tags a dashboard on PutDashboard and with TagResource; moto 5.2.1 drops the tags of
   * PutDashboard and refuses TagResource on a dashboard ARN (ResourceNotFoundException).
   */
  @Test
  @Override
  protected void dashboardTagsAreSetOnCreateAndChangedByTagAndUntag() {
    String name = dashboardName("tagged");
    gateway()
        .putDashboard(
            new DashboardConfig(name, "{\"widgets\":[]}"),
            Map.of("modelaudit.io/owner", "ml-prod/a"));
    String arn = gateway().getDashboard(name).orElseThrow().arn();

    assertThat(gateway().listDashboardTags(arn)).isEmpty();
    assertFails(Kind.NOT_FOUND, () -> gateway().tagDashboard(arn, Map.of("Team", "ml")));
  }

  private void assertMotoHasNoCompositeAlarms() {
    String child = alarmName("child");
    gateway().putMetricAlarm(simpleAlarm(child, 5), Map.of());
    CompositeAlarmConfig composite =
        new CompositeAlarmConfig(
            alarmName("health"),
            null,
            "ALARM(\"" + child + "\")",
            true,
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null);

    assertFails(Kind.TRANSIENT, () -> gateway().putCompositeAlarm(composite, Map.of()));
    assertThat(gateway().describeCompositeAlarms(List.of(composite.alarmName()))).isEmpty();
    assertThat(gateway().listCompositeAlarms(alarmName(""))).isEmpty();
  }

  // ---- fixtures ----

  private static MetricFilterConfig errorCount(String group, String filterName, String pattern) {
    return new MetricFilterConfig(
        group, filterName, pattern, "AIModelAuditing", "ErrorCount", "1", null, "Count", Map.of());
  }

  private AlarmConfig alarm(String name, double threshold) {
    String topic = "arn:aws:sns:" + region() + ":" + MotoSupport.ACCOUNT_ID + ":model-alerts";
    return new AlarmConfig(
        name,
        "Error rate of fraud-detector 3.2",
        "AIModelAuditing",
        "ErrorCount",
        Map.of("Model", "fraud-detector"),
        "Sum",
        null,
        60,
        3,
        2,
        "GreaterThanOrEqualToThreshold",
        threshold,
        "notBreaching",
        true,
        List.of(topic),
        List.of(topic),
        List.of(topic + "-gaps"),
        "Count");
  }
}
