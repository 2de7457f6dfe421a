package io.modelaudit.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    OperatorConfig config = OperatorConfig.defaults();
    assertThat(config.defaultRegion()).isEqualTo("us-east-1");
    assertThat(config.watchedNamespaces()).isEmpty();
    assertThat(config.clusterName()).isEqualTo("default");
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofHours(24));
    assertThat(config.driftCheckInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.alarmStateInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.logGroupPrefixFor("ml-prod")).isEqualTo("/modelaudit/ml-prod/");
    assertThat(config.allowedActionArnPatterns())
        .containsExactly("^arn:aws[a-z-]*:sns:[a-z0-9-]+:{account}:[^:]+$");
    assertThat(config.alarmNamePrefix()).isEqualTo("modelaudit");
    assertThat(config.retryInitialDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.retryMaxDelay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.leaseNamespace()).isEmpty();
  }

  @Test
  void accountMappingAndShardSelectorAreReadAndCheckedAtStart() {
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            Map.of(
                "MODELAUDIT_ACCOUNT_MAPPING", "Required",
                "MODELAUDIT_SELECTOR", "shard=a, tier in (gold,silver), !legacy"));
    assertThat(config.accountMapping()).isEqualTo(AccountMappingMode.REQUIRED);
    assertThat(config.selector()).contains("shard=a, tier in (gold,silver), !legacy");
    assertThat(OperatorConfig.defaults().accountMapping()).isEqualTo(AccountMappingMode.OFF);
    assertThat(OperatorConfig.defaults().selector()).isEmpty();

    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_ACCOUNT_MAPPING", "maybe")))
        .hasMessageContaining("MODELAUDIT_ACCOUNT_MAPPING")
        .hasMessageContaining("off, optional or required");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_SELECTOR", "shard=a b")))
        .hasMessageContaining("MODELAUDIT_SELECTOR")
        .hasMessageContaining("shard=a b");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_SELECTOR", "tier in (a b)")))
        .hasMessageContaining("MODELAUDIT_SELECTOR");
  }

  @Test
  void everyVariableIsRead() {
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            Map.ofEntries(
                Map.entry("AWS_REGION", "eu-west-1"),
                Map.entry("MODELAUDIT_NAMESPACES", "a, b,,c"),
                Map.entry("MODELAUDIT_CLUSTER_NAME", "prod-eu"),
                Map.entry("MODELAUDIT_RESYNC_INTERVAL", "90s"),
                Map.entry("MODELAUDIT_LOG_GROUP_PREFIX", ""),
                Map.entry("MODELAUDIT_ALLOWED_ACTION_ARNS", "^arn:aws:sns:.+$,^arn:aws:lambda:.+$"),
                Map.entry("MODELAUDIT_ALARM_NAME_PREFIX", "audit"),
                Map.entry("MODELAUDIT_RETRY_INITIAL_DELAY", "500ms"),
                Map.entry("MODELAUDIT_RETRY_MAX_DELAY", "PT2M"),
                Map.entry("MODELAUDIT_HTTP_PORT", "9090"),
                Map.entry("MODELAUDIT_LEADER_ELECTION", "true"),
                Map.entry("POD_NAMESPACE", "modelaudit-system")));
    assertThat(config.defaultRegion()).isEqualTo("eu-west-1");
    assertThat(config.watchedNamespaces()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(config.clusterName()).isEqualTo("prod-eu");
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.logGroupPrefixFor("a")).isEmpty();
    assertThat(config.isAllowedActionArn("arn:aws:lambda:us-east-1:1:function:f")).isTrue();
    assertThat(config.alarmNamePrefix()).isEqualTo("audit");
    assertThat(config.retryInitialDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.retryMaxDelay()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isEqualTo(Optional.of("modelaudit-system"));
  }

  @Test
  void alarmMetricNamespacesAllowThemselvesAndWhatLiesBelowThem() {
    OperatorConfig config = OperatorConfig.defaults();
    assertThat(config.alarmMetricNamespacesFor("ml-prod"))
        .containsExactly("AIModelAuditing/ml-prod");
    assertThat(config.isAllowedAlarmMetricNamespace("ml-prod", "AIModelAuditing/ml-prod")).isTrue();
    assertThat(config.isAllowedAlarmMetricNamespace("ml-prod", "AIModelAuditing/ml-prod/a/b"))
        .isTrue();
    assertThat(config.isAllowedAlarmMetricNamespace("ml-prod", "AIModelAuditing/ml-prodx"))
        .isFalse();
    assertThat(config.isAllowedAlarmMetricNamespace("ml-prod", "AIModelAuditing")).isFalse();
    assertThat(config.isAllowedAlarmMetricNamespace("ml", "AIModelAuditing/ml-prod")).isFalse();

    OperatorConfig read =
        OperatorConfig.fromEnvironment(
            Map.of("MODELAUDIT_ALARM_METRIC_NAMESPACES", "AWS/SageMaker, Teams/{namespace}/"));
    assertThat(read.isAllowedAlarmMetricNamespace("a", "AWS/SageMaker/Endpoints")).isTrue();
    assertThat(read.isAllowedAlarmMetricNamespace("a", "Teams/a/x")).isTrue();
    assertThat(read.isAllowedAlarmMetricNamespace("a", "Teams/b/x")).isFalse();
    assertThat(
            OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_ALARM_METRIC_NAMESPACES", "*"))
                .isAllowedAlarmMetricNamespace("a", "AWS/EC2"))
        .isTrue();
    assertThat(
            OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_ALARM_METRIC_NAMESPACES", ""))
                .alarmMetricNamespacesFor("a"))
        .as("empty allows none")
        .isEmpty();
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of("MODELAUDIT_ALARM_METRIC_NAMESPACES", "AWS:EC2")))
        .hasMessageContaining("MODELAUDIT_ALARM_METRIC_NAMESPACES")
        .hasMessageContaining("without ':'");
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_RESYNC_INTERVAL", "soon")))
        .hasMessageContaining("MODELAUDIT_RESYNC_INTERVAL");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_ALLOWED_ACTION_ARNS", "[")))
        .hasMessageContaining("MODELAUDIT_ALLOWED_ACTION_ARNS");
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_HTTP_PORT", "x")))
        .hasMessageContaining("MODELAUDIT_HTTP_PORT");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_LEADER_ELECTION", "maybe")))
        .hasMessageContaining("MODELAUDIT_LEADER_ELECTION");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_RESYNC_INTERVAL", "0s")))
        .hasMessageContaining("MODELAUDIT_RESYNC_INTERVAL");
  }

  @Test
  void theAlarmNamePrefixLeavesRoomForNamespaceNameAndAlarm() {
    assertThat(
            OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_ALARM_NAME_PREFIX", "p".repeat(64)))
                .alarmNamePrefix())
        .hasSize(64);
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of("MODELAUDIT_ALARM_NAME_PREFIX", "p".repeat(65))))
        .hasMessageContaining("MODELAUDIT_ALARM_NAME_PREFIX: must be 1-64 characters, got 65");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_ALARM_NAME_PREFIX", "a\tb")))
        .hasMessageContaining("MODELAUDIT_ALARM_NAME_PREFIX: must not contain control characters");
  }

  @Test
  void theOperatorsRegionMustBeOneAwsHas() {
    AwsFacts sdk = new AwsFacts(java.util.Set.of("us-east-1", "eu-west-1"), Optional.empty());

    assertThat(OperatorConfig.defaults().withAws(sdk).isKnownRegion("eu-west-1")).isTrue();
    assertThat(OperatorConfig.defaults().withAws(sdk).isKnownRegion("us-esat-1")).isFalse();
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("AWS_REGION", "us-esat-1")).withAws(sdk))
        .hasMessageContaining("AWS_REGION: us-esat-1 is not a region the operator's AWS SDK knows")
        .hasMessageContaining("MODELAUDIT_EXTRA_REGIONS");
    assertThat(
            OperatorConfig.fromEnvironment(
                    Map.of(
                        "AWS_REGION", "xx-new-1", "MODELAUDIT_EXTRA_REGIONS", "xx-new-1, yy-new-2"))
                .withAws(sdk)
                .knownRegions())
        .containsExactly("eu-west-1", "us-east-1", "xx-new-1", "yy-new-2");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_EXTRA_REGIONS", "mars")))
        .hasMessageContaining("MODELAUDIT_EXTRA_REGIONS: expected region names");
  }

  @Test
  void withoutTheSdksListAnyWellFormedRegionIsAccepted() {
    assertThat(OperatorConfig.defaults().isKnownRegion("us-esat-1")).isTrue();
    assertThat(OperatorConfig.defaults().knownRegions()).isEmpty();
  }

  // ---- the default tenancy policy ----

  private static final AwsFacts OWN_ACCOUNT =
      new AwsFacts(java.util.Set.of(), Optional.of("111122223333"));

  @Test
  void byDefaultOnlySnsTopicsOfTheOperatorsOwnAccountAreAllowed() {
    OperatorConfig config = OperatorConfig.defaults().withAws(OWN_ACCOUNT);

    assertThat(config.isAllowedActionArn("arn:aws:sns:us-east-1:111122223333:alerts")).isTrue();
    assertThat(config.isAllowedActionArn("arn:aws-cn:sns:cn-north-1:111122223333:a.fifo")).isTrue();
    assertThat(config.isAllowedActionArn("arn:aws:sns:us-east-1:999999999999:exfil")).isFalse();
    assertThat(config.isAllowedActionArn("arn:aws:lambda:us-east-1:111122223333:function:f"))
        .isFalse();
  }

  @Test
  void withoutItsOwnAccountTheDefaultAllowsNoTopicAtAll() {
    assertThat(OperatorConfig.defaults().isAllowedActionArn("arn:aws:sns:us-east-1:111122223333:a"))
        .isFalse();
  }

  @Test
  void regularExpressionsWithCommasStayWhole() {
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
                Map.of(
                    "MODELAUDIT_ALLOWED_ACTION_ARNS",
                    "^arn:aws:sns:us-east-[0-9]{1,2}:{account}:(a|b,c)$ , ^arn:aws:sns:[a-z0-9-]+:444455556666:[,x]+$,^x\\,y$"))
            .withAws(OWN_ACCOUNT);

    assertThat(config.allowedActionArnPatterns())
        .containsExactly(
            "^arn:aws:sns:us-east-[0-9]{1,2}:{account}:(a|b,c)$",
            "^arn:aws:sns:[a-z0-9-]+:444455556666:[,x]+$",
            "^x\\,y$");
    assertThat(config.isAllowedActionArn("arn:aws:sns:us-east-2:111122223333:b,c")).isTrue();
    assertThat(config.isAllowedActionArn("arn:aws:sns:eu-west-1:444455556666:x,x")).isTrue();
    assertThat(config.isAllowedActionArn("x,y")).isTrue();
    assertThat(config.isAllowedActionArn("arn:aws:sns:us-east-2:999999999999:a")).isFalse();
  }

  @Test
  void theLogGroupPrefixEndsInASlash() {
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of("MODELAUDIT_LOG_GROUP_PREFIX", "/modelaudit")))
        .hasMessageContaining("MODELAUDIT_LOG_GROUP_PREFIX: must end in /")
        .hasMessageContaining("/modelaudit-other");
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of("MODELAUDIT_LOG_GROUP_PREFIX", "/teams/{namespace}")))
        .hasMessageContaining("MODELAUDIT_LOG_GROUP_PREFIX: must end in /");
    assertThat(
            OperatorConfig.fromEnvironment(
                    Map.of("MODELAUDIT_LOG_GROUP_PREFIX", "/teams/{namespace}/"))
                .logGroupPrefixFor("a"))
        .isEqualTo("/teams/a/");
    assertThat(
            OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_LOG_GROUP_PREFIX", ""))
                .logGroupPrefixFor("a"))
        .isEmpty();
  }
}
