package io.modelaudit.operator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The AWS call timer: one sample per port call, named and tagged as AWS and the outcome say. */
class MeteredCloudWatchGatewaysTest {

  private static final String REGION = "eu-west-1";

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final CloudWatchGateway gateway =
      new MeteredCloudWatchGateways(aws, registry).forRegion(REGION);

  @Test
  void namesEveryPortCallAfterItsAwsOperation() {
    callEveryPortMethod();

    Map<String, Integer> timed = new TreeMap<>();
    registry
        .find(MeteredCloudWatchGateways.METRIC)
        .tag("region", REGION)
        .timers()
        .forEach(t -> timed.merge(t.getId().getTag("operation"), (int) t.count(), Integer::sum));
    // The fake counts each port call under the AWS operation it stands for.
    assertThat(timed).isEqualTo(aws.calls());
    assertThat(timed.keySet()).isEqualTo(InMemoryCloudWatch.OPERATIONS);
  }

  @Test
  void tagsSuccessAndTheKindOfAClassifiedFailure() {
    aws.failNext(InMemoryCloudWatch.DESCRIBE_LOG_GROUPS, Kind.TRANSIENT, 1);

    assertThatThrownBy(() -> gateway.describeLogGroup("/g"))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
    assertThat(gateway.describeLogGroup("/g")).isEmpty();
    assertThatThrownBy(() -> gateway.deleteLogGroup("/missing"))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));

    assertThat(count("DescribeLogGroups", "transient")).isEqualTo(1);
    assertThat(count("DescribeLogGroups", "success")).isEqualTo(1);
    assertThat(count("DeleteLogGroup", "not_found")).isEqualTo(1);
    assertThat(count("DeleteLogGroup", "success")).isZero();
  }

  @Test
  void anUnclassifiedExceptionIsOtherAndLeavesUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");
    CloudWatchGateway broken =
        (CloudWatchGateway)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {CloudWatchGateway.class},
                (proxy, method, args) -> {
                  throw boom;
                });
    CloudWatchGateway metered =
        new MeteredCloudWatchGateways(r -> broken, registry).forRegion(REGION);

    assertThatThrownBy(() -> metered.putRetentionPolicy("/g", 7)).isSameAs(boom);
    assertThat(count("PutRetentionPolicy", "other")).isEqualTo(1);
  }

  @Test
  void everyKindHasItsOwnOutcome() {
    assertThat(
            List.of(Kind.values()).stream()
                .map(
                    k ->
                        MeteredCloudWatchGateways.outcome(new GatewayException(k, "Op", null, "m")))
                .distinct()
                .count())
        .isEqualTo(Kind.values().length);
    assertThat(
            MeteredCloudWatchGateways.outcome(
                new GatewayException(Kind.LIMIT_EXCEEDED, "Op", null, "m")))
        .isEqualTo("limit_exceeded");
  }

  private long count(String operation, String outcome) {
    Timer timer =
        registry
            .find(MeteredCloudWatchGateways.METRIC)
            .tags("region", REGION, "operation", operation, "outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  private void callEveryPortMethod() {
    String group = "/modelaudit/ns/g";
    gateway.createLogGroup(new LogGroupConfig(group, null, null, "STANDARD", false), Map.of());
    String groupArn = gateway.describeLogGroup(group).orElseThrow().arn();
    gateway.listLogGroups("/modelaudit/");
    gateway.putRetentionPolicy(group, 7);
    gateway.deleteRetentionPolicy(group);
    gateway.associateKmsKey(group, "arn:aws:kms:" + REGION + ":123456789012:key/k");
    gateway.disassociateKmsKey(group);
    gateway.putDeletionProtection(group, false);
    gateway.tagLogGroup(groupArn, Map.of("team", "ml"));
    gateway.listLogGroupTags(groupArn);
    gateway.untagLogGroup(groupArn, Set.of("team"));
    gateway.createLogStream(group, "events");
    gateway.listLogStreams(group);
    gateway.deleteLogStream(group, "events");
    gateway.putMetricFilter(
        new MetricFilterConfig(group, "errors", "", "NS", "Errors", "1", null, null, Map.of()));
    gateway.describeMetricFilters(group);
    gateway.deleteMetricFilter(group, "errors");
    String alarm = "modelaudit-ns/g/high";
    gateway.putMetricAlarm(
        new AlarmConfig(
            alarm,
            null,
            "NS",
            "Errors",
            Map.of(),
            "Sum",
            null,
            60,
            1,
            null,
            "GreaterThanThreshold",
            5,
            null,
            true,
            List.of(),
            List.of(),
            List.of(),
            null),
        Map.of());
    String alarmArn = gateway.describeAlarms(List.of(alarm)).get(0).arn();
    gateway.listAlarms("modelaudit-");
    gateway.tagAlarm(alarmArn, Map.of("team", "ml"));
    gateway.listAlarmTags(alarmArn);
    gateway.untagAlarm(alarmArn, Set.of("team"));
    String health = "modelaudit-ns/g/_health";
    gateway.putCompositeAlarm(
        new CompositeAlarmConfig(
            health,
            null,
            "ALARM(\"" + alarm + "\")",
            true,
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null),
        Map.of());
    gateway.describeCompositeAlarms(List.of(health));
    gateway.listCompositeAlarms("modelaudit-");
    gateway.deleteAlarms(List.of(health));
    gateway.deleteAlarms(List.of(alarm));
    AnomalyDetectorConfig detector =
        new AnomalyDetectorConfig("NS", "Errors", Map.of(), "Sum", List.of(), null);
    gateway.putAnomalyDetector(detector);
    gateway.describeAnomalyDetectors("NS", "Errors");
    gateway.deleteAnomalyDetector(detector);
    gateway.putDashboard(new DashboardConfig("modelaudit_ns_g", "{}"), Map.of());
    String dashboardArn = gateway.getDashboard("modelaudit_ns_g").orElseThrow().arn();
    gateway.listDashboards("modelaudit_");
    gateway.tagDashboard(dashboardArn, Map.of("team", "ml"));
    gateway.listDashboardTags(dashboardArn);
    gateway.untagDashboard(dashboardArn, Set.of("team"));
    gateway.deleteDashboards(List.of("modelaudit_ns_g"));
    gateway.putIndexPolicy(group, "{\"Fields\":[\"request_id\"]}");
    gateway.getIndexPolicy(group);
    gateway.deleteIndexPolicy(group);
    String stream = "arn:aws:firehose:" + REGION + ":123456789012:deliverystream/modelaudit.ns.a";
    aws.outOfBand().createDestination(REGION, stream);
    gateway.putSubscriptionFilter(
        new SubscriptionFilterConfig(
            group, "archive", "", stream, "arn:aws:iam::123456789012:role/r", "ByLogStream"));
    gateway.describeSubscriptionFilters(group);
    gateway.deleteSubscriptionFilter(group, "archive");
    String id =
        gateway.putQueryDefinition(
            new QueryDefinition(null, "modelaudit/ns/g/q", "fields @message", List.of(group)));
    gateway.listQueryDefinitions("modelaudit/");
    gateway.deleteQueryDefinition(id);
    gateway.putDataProtectionPolicy(group, CloudWatchGatewayContract.MASK_EMAILS);
    gateway.getDataProtectionPolicy(group);
    gateway.deleteDataProtectionPolicy(group);
    gateway.deleteLogGroup(group);
  }
}
