package io.modelaudit.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The declarations in {@link Settings} and how {@link OperatorConfig} uses them. */
class SettingsTest {

  @Test
  void everyVariableIsDeclaredOnce() {
    List<String> names = Settings.ALL.stream().flatMap(s -> s.names().stream()).toList();

    assertThat(names).doesNotHaveDuplicates();
    assertThat(Settings.ALL)
        .allSatisfy(s -> assertThat(s.description()).as(s.variable()).isNotBlank());
  }

  @Test
  void theDefaultConfigurationHoldsEveryDeclaredDefault() {
    OperatorConfig defaults = OperatorConfig.defaults();

    for (Setting<?> setting : Settings.ALL) {
      if (!setting.isReadByLogback()) {
        assertThat(shownInConfig(setting, defaults))
            .as(setting.variable())
            .isEqualTo(shownDefault(setting));
      }
    }
    assertThat(defaults.allowedActionArnPatterns())
        .containsExactly(OperatorConfig.DEFAULT_ALLOWED_ACTION_ARNS);
  }

  private static <T> String shownInConfig(Setting<T> setting, OperatorConfig config) {
    return setting.format().apply(setting.field().apply(config));
  }

  private static <T> String shownDefault(Setting<T> setting) {
    return setting.format().apply(setting.defaultValue());
  }

  @Test
  void fallbacksAreReadWhenTheVariableIsUnsetOrBlank() {
    OperatorConfig fromFallbacks =
        OperatorConfig.fromEnvironment(
            Map.of(
                "AWS_REGION", " ",
                "AWS_DEFAULT_REGION", "eu-central-1",
                "POD_NAMESPACE", "ops"));
    OperatorConfig fromVariables =
        OperatorConfig.fromEnvironment(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_DEFAULT_REGION", "eu-central-1",
                "MODELAUDIT_LEASE_NAMESPACE", "leases",
                "POD_NAMESPACE", "ops"));

    assertThat(fromFallbacks.defaultRegion()).isEqualTo("eu-central-1");
    assertThat(fromFallbacks.leaseNamespace()).contains("ops");
    assertThat(fromVariables.defaultRegion()).isEqualTo("eu-west-1");
    assertThat(fromVariables.leaseNamespace()).contains("leases");
  }

  @Test
  void blankMeansTheDefaultExceptWhereEmptyIsAValue() {
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            Map.of(
                "MODELAUDIT_CLUSTER_NAME", "  ",
                "MODELAUDIT_HTTP_PORT", "",
                "MODELAUDIT_LOG_GROUP_PREFIX", "",
                "MODELAUDIT_ALLOWED_ACTION_ARNS", ""));

    assertThat(config.clusterName()).isEqualTo("default");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.logGroupPrefixFor("ml-prod")).isEmpty();
    assertThat(config.allowedActionArnPatterns()).isEmpty();
  }

  @Test
  void podNameIsTheLeaseIdentity() {
    assertThat(OperatorConfig.defaults().podName()).isEmpty();
    assertThat(OperatorConfig.fromEnvironment(Map.of("POD_NAME", "operator-0")).podName())
        .isEqualTo(Optional.of("operator-0"));
  }

  @Test
  void everyBadValueIsReportedAtOnceWithWhatIsAllowed() {
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of(
                        "MODELAUDIT_HTTP_PORT", "70000",
                        "MODELAUDIT_RETRY_MAX_DELAY", "later",
                        "MODELAUDIT_LEADER_ELECTION", "maybe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MODELAUDIT_HTTP_PORT: must be 0-65535, got 70000")
        .hasMessageContaining(
            "MODELAUDIT_RETRY_MAX_DELAY: expected a duration such as 30s, 5m, 1h or PT5M, got"
                + " later")
        .hasMessageContaining("MODELAUDIT_LEADER_ELECTION: expected true or false, got maybe");
  }

  @Test
  void theWithMethodsCheckTheirValuesLikeTheEnvironment() {
    OperatorConfig defaults = OperatorConfig.defaults();

    assertThatThrownBy(() -> defaults.withRateLimitsScaled(0))
        .hasMessageContaining("MODELAUDIT_RATE_LIMITS")
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> defaults.withInventoryIntervals(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("MODELAUDIT_DRIFT_CHECK_INTERVAL: must be positive");
    assertThatThrownBy(() -> defaults.withReconcileThreads(0))
        .hasMessageContaining("MODELAUDIT_RECONCILE_THREADS");
  }

  @Test
  void theWithMethodsChangeOnlyTheirSetting() {
    OperatorConfig defaults = OperatorConfig.defaults();
    OperatorConfig changed =
        defaults
            .withClusterName("eu")
            .withReconcileThreads(7)
            .withAllowedActionArnPatterns(List.of("x"));

    assertThat(changed.clusterName()).isEqualTo("eu");
    assertThat(changed.reconcileThreads()).isEqualTo(7);
    assertThat(changed.isAllowedActionArn("x")).isTrue();
    assertThat(changed.withClusterName("default").withReconcileThreads(50))
        .usingRecursiveComparison()
        .ignoringFields("allowedActionArnPatterns")
        .isEqualTo(defaults);
  }

  @Test
  void theStartUpLogNamesEverySettingWithItsValue() {
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            Map.of(
                "MODELAUDIT_RATE_LIMITS", "PutMetricAlarm=1.5",
                "MODELAUDIT_DRIFT_CHECK_INTERVAL", "PT10M"));

    List<String> lines = Settings.describe(config, Map.of("MODELAUDIT_LOG_FORMAT", "json"));

    assertThat(lines)
        .hasSize(Settings.ALL.size())
        .contains(
            "AWS_REGION=us-east-1",
            "MODELAUDIT_NAMESPACES=all",
            "MODELAUDIT_DRIFT_CHECK_INTERVAL=10m",
            "MODELAUDIT_ALARM_STATE_INTERVAL=1m",
            "MODELAUDIT_RATE_LIMITS=AWS's quotas except PutMetricAlarm=1.5",
            "MODELAUDIT_LEASE_NAMESPACE=(unset)",
            "MODELAUDIT_LOG_FORMAT=json",
            "MODELAUDIT_LOG_LEVEL=INFO");
    assertThat(Settings.describe(OperatorConfig.defaults(), Map.of()))
        .contains("MODELAUDIT_RATE_LIMITS=AWS's quotas");
  }

  @Test
  void aSettingIsFoundByItsVariableOrFallback() {
    assertThat(Settings.named("AWS_DEFAULT_REGION")).contains(Settings.REGION);
    assertThat(Settings.named("MODELAUDIT_LOG_LEVEL")).contains(Settings.LOG_LEVEL);
    assertThat(Settings.named("MODELAUDIT_NO_SUCH_THING")).isEmpty();
  }
}
