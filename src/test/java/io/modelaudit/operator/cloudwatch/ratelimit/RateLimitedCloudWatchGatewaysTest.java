package io.modelaudit.operator.cloudwatch.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The port decorator takes one permit per AWS call of the right operation, region and service. The
 * limits are 1 per second so that the fake clock's total says how many calls had to wait.
 */
class RateLimitedCloudWatchGatewaysTest {

  private static final String REGION = "us-east-1";
  private static final String GROUP = "/modelaudit/ml/app";

  private final FakeTime time = new FakeTime();
  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final RateLimitedCloudWatchGateways limited =
      new RateLimitedCloudWatchGateways(aws, new OperationRateLimiter(onePerSecond(), time, time));
  private final CloudWatchGateway gateway = limited.forRegion(REGION);

  @Test
  void callsOfOneOperationWaitForEachOther() {
    gateway.createLogGroup(group(GROUP), Map.of());
    gateway.createLogGroup(group(GROUP + "-2"), Map.of());
    gateway.createLogGroup(group(GROUP + "-3"), Map.of());

    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(2));
    assertThat(aws.logGroupNames(REGION)).hasSize(3);
  }

  @Test
  void callsOfDifferentOperationsDoNotWaitForEachOther() {
    gateway.createLogGroup(group(GROUP), Map.of());
    gateway.putRetentionPolicy(GROUP, 7);
    gateway.createLogStream(GROUP, "events");
    gateway.describeLogGroup(GROUP);
    gateway.putMetricAlarm(alarm("modelaudit-a"), Map.of());

    assertThat(time.elapsed()).isZero();
  }

  @Test
  void eachRegionHasItsOwnPermits() {
    gateway.createLogGroup(group(GROUP), Map.of());
    limited.forRegion("eu-west-1").createLogGroup(group(GROUP), Map.of());

    assertThat(time.elapsed()).isZero();
  }

  @Test
  void eachAccountHasItsOwnPermitsAndTwoRolesOfOneAccountShareThem() {
    CloudWatchGateway teamA =
        limited.forTarget(new AwsTarget(role("111111111111", "team-a"), REGION));
    CloudWatchGateway otherRoleOfA =
        limited.forTarget(new AwsTarget(role("111111111111", "team-a2"), REGION));
    CloudWatchGateway teamB =
        limited.forTarget(new AwsTarget(role("222222222222", "team-b"), REGION));

    // three accounts (the operator's own and two mapped ones): three quotas, no wait
    gateway.createLogGroup(group(GROUP), Map.of());
    teamA.createLogGroup(group(GROUP + "-a"), Map.of());
    teamB.createLogGroup(group(GROUP + "-b"), Map.of());
    assertThat(time.elapsed()).isZero();

    // a second role of account 111111111111 counts against that account's quota
    otherRoleOfA.createLogGroup(group(GROUP + "-a2"), Map.of());
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(1));
  }

  private static AwsIdentity role(String account, String name) {
    return AwsIdentity.role("arn:aws:iam::" + account + ":role/" + name, null, Map.of());
  }

  @Test
  void logsAndCloudWatchTagCallsCountAgainstTheirOwnService() {
    gateway.createLogGroup(group(GROUP), Map.of());
    gateway.putMetricAlarm(alarm("modelaudit-a"), Map.of());

    gateway.listLogGroupTags(InMemoryCloudWatch.logGroupArn(REGION, GROUP));
    gateway.listAlarmTags(InMemoryCloudWatch.alarmArn(REGION, "modelaudit-a"));
    assertThat(time.elapsed()).isZero();

    gateway.listAlarmTags(InMemoryCloudWatch.alarmArn(REGION, "modelaudit-a"));
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aListingTakesOnePermitPerPage() {
    IntStream.range(0, 250)
        .forEach(i -> aws.seedAlarm(REGION, alarm("modelaudit-%03d".formatted(i)), Map.of()));

    assertThat(gateway.listAlarms("modelaudit-")).hasSize(250);

    // three pages of 100: the second and third wait a second each
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(2));
    assertThat(aws.callCount(InMemoryCloudWatch.DESCRIBE_ALARMS)).isEqualTo(3);
  }

  @Test
  void describingAlarmsTakesOnePermitPerHundredNames() {
    List<String> names = IntStream.range(0, 150).mapToObj("modelaudit-%03d"::formatted).toList();

    gateway.describeAlarms(names);
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(1));

    gateway.deleteAlarms(List.of());
    gateway.describeAlarms(List.of());
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void callsStillReachAwsAndItsAnswersComeBack() {
    gateway.createLogGroup(group(GROUP), Map.of("k", "v"));

    assertThat(gateway.describeLogGroup(GROUP)).isPresent();
    assertThat(gateway.listLogGroups("/modelaudit/")).hasSize(1);
    assertThat(aws.logGroupTags(REGION, GROUP)).containsEntry("k", "v");
  }

  private static Map<String, Double> onePerSecond() {
    Map<String, Double> limits = new TreeMap<>();
    Operations.ALL.forEach(op -> limits.put(op, 1.0));
    return limits;
  }

  private static LogGroupConfig group(String name) {
    return new LogGroupConfig(name, null, null, "STANDARD", false);
  }

  private static AlarmConfig alarm(String name) {
    return new AlarmConfig(
        name,
        null,
        "AIModelAuditing",
        "ErrorCount",
        Map.of(),
        "Sum",
        null,
        60,
        1,
        null,
        "GreaterThanThreshold",
        5.0,
        null,
        true,
        List.of(),
        List.of(),
        List.of(),
        null);
  }
}
