package io.modelaudit.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.aws.AwsCloudWatchGateways;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.moto.FaultyProxy;
import io.modelaudit.operator.moto.MotoGaps;
import io.modelaudit.operator.moto.MotoServer;
import io.modelaudit.operator.moto.MotoSupport;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.support.ExactState;
import io.modelaudit.operator.support.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;

/**
 * The operator with the real AWS adapter against moto behind a proxy that answers a share of the
 * requests with throttling, 503s and dropped connections. The SDK's retries absorb most, the
 * operator's backoff the rest: every ModelAudit ends Ready, and moto holds exactly what they
 * desire, read back directly, not through the proxy.
 */
@ExtendWith(MotoServer.Extension.class)
class MotoFaultsIT {

  private static final String NAMESPACE = "moto-faults";
  private static final String REGION = MotoSupport.REGION;
  private static final OperatorConfig CONFIG = OperatorHarness.fastConfig();

  private static MotoServer moto;
  private static FaultyProxy proxy;
  private static AwsCloudWatchGateways gateways;
  private static OperatorHarness harness;

  @BeforeAll
  static void start(MotoServer server) {
    moto = server;
    moto.reset();
    proxy = new FaultyProxy(moto.endpoint(), 0.2, 42);
    gateways = new AwsCloudWatchGateways(MotoSupport.customizer(proxy.endpoint()));
    // moto lacks masking, saved queries and index policies: MotoGaps serves them
    // (docs/development.md)
    harness = OperatorHarness.start(new MotoGaps(gateways), CONFIG);
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
    if (gateways != null) {
      gateways.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void convergesThroughAFaultyEndpointAndCleansUpThroughIt() {
    List<ModelAudit> audits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ModelAudit audit = Specs.rich(NAMESPACE, "model-" + i);
      harness.create(audit);
      audits.add(audit);
    }
    for (ModelAudit audit : audits) {
      harness.awaitReady(NAMESPACE, audit.getMetadata().getName());
    }

    try (CloudWatchLogsClient logs = MotoSupport.logsClient(moto);
        CloudWatchClient cloudWatch = MotoSupport.cloudWatchClient(moto)) {
      assertMotoHoldsExactly(logs, cloudWatch, audits);

      // harder while deleting: now some calls fail even after the SDK's own retries
      proxy.faultRate(0.35);
      for (ModelAudit audit : audits) {
        harness.delete(NAMESPACE, audit.getMetadata().getName());
      }
      // the SDK's adaptive retry slows its own sending rate after throttling: give it time
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  harness
                      .client()
                      .resources(ModelAudit.class)
                      .inNamespace(NAMESPACE)
                      .list()
                      .getItems()
                      .isEmpty());
      assertMotoHoldsExactly(logs, cloudWatch, List.of());
    }
    assertThat(proxy.injected(FaultyProxy.Fault.THROTTLING)).isPositive();
    assertThat(proxy.injected(FaultyProxy.Fault.SERVICE_UNAVAILABLE)).isPositive();
    assertThat(proxy.injected(FaultyProxy.Fault.CONNECTION_RESET)).isPositive();
    System.out.printf(
        "faulty proxy: %d requests passed, %d answered with faults (%d throttling, %d 503, %d"
            + " resets)%n",
        proxy.passed(),
        proxy.injectedTotal(),
        proxy.injected(FaultyProxy.Fault.THROTTLING),
        proxy.injected(FaultyProxy.Fault.SERVICE_UNAVAILABLE),
        proxy.injected(FaultyProxy.Fault.CONNECTION_RESET));
  }

  private static void assertMotoHoldsExactly(
      CloudWatchLogsClient logs, CloudWatchClient cloudWatch, List<ModelAudit> audits) {
    Set<String> wantedGroups = new TreeSet<>();
    Set<String> wantedAlarms = new TreeSet<>();
    for (ModelAudit audit : audits) {
      DesiredState desired = ExactState.desired(audit, CONFIG);
      String group = desired.logGroupName();
      wantedGroups.add(group);
      assertThat(
              logs.describeLogStreams(r -> r.logGroupName(group)).logStreams().stream()
                  .map(LogStream::logStreamName))
          .containsExactlyInAnyOrderElementsOf(desired.of(LogStreamsPart.PART));
      assertThat(
              logs.describeMetricFilters(r -> r.logGroupName(group)).metricFilters().stream()
                  .map(MetricFilter::filterName))
          .containsExactlyInAnyOrder("errors", "latency");
      String arn =
          logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups().get(0).arn();
      assertThat(logs.listTagsForResource(r -> r.resourceArn(arn.replaceAll(":\\*$", ""))).tags())
          .containsEntry(Tags.OWNER, desired.ownerTag());
      desired.of(AlarmsPart.PART).stream().map(DesiredAlarm::alarmName).forEach(wantedAlarms::add);
    }
    assertThat(
            logs
                .describeLogGroups(r -> r.logGroupNamePrefix("/modelaudit/" + NAMESPACE + "/"))
                .logGroups()
                .stream()
                .map(LogGroup::logGroupName))
        .as("one log group per ModelAudit, no more")
        .containsExactlyInAnyOrderElementsOf(wantedGroups);
    assertThat(
            cloudWatch
                .describeAlarms(r -> r.alarmNamePrefix("modelaudit-" + NAMESPACE + "/"))
                .metricAlarms()
                .stream()
                .map(MetricAlarm::alarmName))
        .as("the desired alarms, no more")
        .containsExactlyInAnyOrderElementsOf(wantedAlarms);
  }
}
