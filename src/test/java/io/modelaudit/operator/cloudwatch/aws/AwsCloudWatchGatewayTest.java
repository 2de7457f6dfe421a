package io.modelaudit.operator.cloudwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;

/** The adapter's mapping of SDK shapes and its batching, without any server. */
class AwsCloudWatchGatewayTest {

  @Test
  void prefersLogGroupArnAndOtherwiseDropsTheTrailingWildcard() {
    String arn = "arn:aws:logs:us-east-1:123456789012:log-group:/g";

    assertThat(AwsCloudWatchGateway.logGroupArn(LogGroup.builder().logGroupArn(arn).build()))
        .isEqualTo(arn);
    assertThat(AwsCloudWatchGateway.logGroupArn(LogGroup.builder().arn(arn + ":*").build()))
        .isEqualTo(arn);
    assertThat(
            AwsCloudWatchGateway.logGroupArn(
                LogGroup.builder().arn(arn + ":*").logGroupArn(arn).build()))
        .isEqualTo(arn);
  }

  @Test
  void readsClassProtectionRetentionAndKey() {
    ObservedLogGroup observed =
        AwsCloudWatchGateway.toObserved(
            LogGroup.builder()
                .logGroupName("/g")
                .retentionInDays(14)
                .kmsKeyId("arn:aws:kms:us-east-1:1:key/k")
                .logGroupClass("INFREQUENT_ACCESS")
                .deletionProtectionEnabled(true)
                .build());

    assertThat(observed.config().retentionInDays()).isEqualTo(14);
    assertThat(observed.config().kmsKeyArn()).isEqualTo("arn:aws:kms:us-east-1:1:key/k");
    assertThat(observed.config().logGroupClass()).isEqualTo("INFREQUENT_ACCESS");
    assertThat(observed.config().deletionProtection()).isTrue();
  }

  @Test
  void anAbsentClassIsStandardAndAbsentProtectionIsOff() {
    ObservedLogGroup observed =
        AwsCloudWatchGateway.toObserved(LogGroup.builder().logGroupName("/g").build());

    assertThat(observed.config().logGroupClass()).isEqualTo("STANDARD");
    assertThat(observed.config().deletionProtection()).isFalse();
    assertThat(observed.config().retentionInDays()).isNull();
  }

  @Test
  void aMetricUnitOfNoneOrNothingIsNull() {
    MetricFilter none = filter(MetricTransformation.builder().unit("None").build());
    MetricFilter absent = filter(MetricTransformation.builder().build());
    MetricFilter count = filter(MetricTransformation.builder().unit("Count").build());

    assertThat(AwsCloudWatchGateway.toConfig("/g", none).unit()).isNull();
    assertThat(AwsCloudWatchGateway.toConfig("/g", absent).unit()).isNull();
    assertThat(AwsCloudWatchGateway.toConfig("/g", count).unit()).isEqualTo("Count");
    assertThat(AwsCloudWatchGateway.toConfig("/g", absent).dimensions()).isEmpty();
    assertThat(AwsCloudWatchGateway.toConfig("/g", absent).defaultValue()).isNull();
  }

  @Test
  void anAlarmWithoutActionsEnabledHasThemEnabled() {
    ObservedAlarm observed =
        AwsCloudWatchGateway.toObserved(
            MetricAlarm.builder().alarmName("a").statistic("Sum").period(60).build());

    assertThat(observed.config().actionsEnabled()).isTrue();
    assertThat(observed.config().datapointsToAlarm()).isNull();
    assertThat(observed.config().alarmActions()).isEmpty();
    assertThat(observed.config().dimensions()).isEmpty();
  }

  @Test
  void aFailureWhilePagingLeavesAsAClassifiedException() throws Exception {
    URI nobody;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    try (CloudWatchLogsClient logs =
            CloudWatchLogsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(nobody)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
        CloudWatchClient cloudWatch =
            CloudWatchClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(nobody)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
      CloudWatchGateway gateway = AwsCloudWatchGateway.create(logs, cloudWatch);

      assertThatThrownBy(() -> gateway.listLogGroups("/x"))
          .isInstanceOfSatisfying(
              GatewayException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                assertThat(e.operation()).isEqualTo("DescribeLogGroups");
              });
      assertThatThrownBy(() -> gateway.listAlarms("x"))
          .isInstanceOfSatisfying(
              GatewayException.class, e -> assertThat(e.operation()).isEqualTo("DescribeAlarms"));
      assertThatThrownBy(() -> gateway.tagAlarm("arn", Map.of("k", "v")))
          .isInstanceOf(GatewayException.class);
    }
  }

  private static MetricFilter filter(MetricTransformation transformation) {
    return MetricFilter.builder()
        .filterName("f")
        .filterPattern("ERROR")
        .metricTransformations(transformation)
        .build();
  }

  @Test
  void anAccountLevelIndexPolicyIsNotTheGroupsOwn() {
    assertThat(
            AwsCloudWatchGateway.isLogGroupLevel(
                software.amazon.awssdk.services.cloudwatchlogs.model.IndexPolicy.builder()
                    .source("ACCOUNT")
                    .build()))
        .isFalse();
    assertThat(
            AwsCloudWatchGateway.isLogGroupLevel(
                software.amazon.awssdk.services.cloudwatchlogs.model.IndexPolicy.builder()
                    .source("LOG_GROUP")
                    .build()))
        .isTrue();
  }

  @Test
  void aSubscriptionFilterWithoutRoleOrDistributionReadsAsAwsDefaults() {
    io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig filter =
        AwsCloudWatchGateway.toConfig(
            "/g",
            software.amazon.awssdk.services.cloudwatchlogs.model.SubscriptionFilter.builder()
                .filterName("to-lambda")
                .destinationArn("arn:aws:lambda:us-east-1:1:function:f")
                .roleArn("")
                .build());

    assertThat(filter.logGroupName()).isEqualTo("/g");
    assertThat(filter.pattern()).isEmpty();
    assertThat(filter.roleArn()).isNull();
    assertThat(filter.distribution()).isEqualTo("ByLogStream");
  }

  @Test
  void aQueryDefinitionIsCreatedWithoutAnIdAndUpdatedWithIt() {
    io.modelaudit.operator.cloudwatch.QueryDefinition definition =
        new io.modelaudit.operator.cloudwatch.QueryDefinition(
            null, "modelaudit/ns/m/q", "fields @message", java.util.List.of("/g"));

    assertThat(AwsCloudWatchGateway.toRequest(definition).queryDefinitionId()).isNull();
    assertThat(AwsCloudWatchGateway.toRequest(definition.withId("id-1")).queryDefinitionId())
        .isEqualTo("id-1");
    assertThat(AwsCloudWatchGateway.toRequest(definition).logGroupNames()).containsExactly("/g");
  }
}
