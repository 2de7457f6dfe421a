package io.modelaudit.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scale settings: inventory periods, rate limits, reconcile threads. */
class OperatorConfigScaleTest {

  @Test
  void defaultsAreAwsQuotasAndTheDocumentedPeriods() {
    OperatorConfig config = OperatorConfig.defaults();

    assertThat(config.rateLimit("PutMetricAlarm")).isEqualTo(3.0);
    assertThat(config.rateLimit("DescribeAlarms")).isEqualTo(9.0);
    assertThat(config.rateLimit("DeleteAlarms")).isEqualTo(3.0);
    assertThat(config.rateLimit("CreateLogStream")).isEqualTo(50.0);
    assertThat(config.rateLimit("CreateLogGroup")).isEqualTo(5.0);
    assertThat(config.rateLimit("DescribeLogGroups")).isEqualTo(5.0);
    assertThat(config.rateLimit("ListTagsForResource")).isEqualTo(5.0);
    assertThat(config.rateLimit("DeleteRetentionPolicy")).isEqualTo(5.0);
    assertThat(config.driftCheckInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.alarmStateInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofHours(24));
    assertThat(config.reconcileThreads()).isEqualTo(50);
  }

  @Test
  void rateLimitsOverrideOnlyTheNamedOperations() {
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            Map.of("MODELAUDIT_RATE_LIMITS", " PutMetricAlarm=1.5 , DescribeAlarms=20"));

    assertThat(config.rateLimit("PutMetricAlarm")).isEqualTo(1.5);
    assertThat(config.rateLimit("DescribeAlarms")).isEqualTo(20.0);
    assertThat(config.rateLimit("CreateLogStream")).isEqualTo(50.0);
  }

  @Test
  void badRateLimitsNameTheVariable() {
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_RATE_LIMITS", "PutAlarm=3")))
        .hasMessageContaining("MODELAUDIT_RATE_LIMITS")
        .hasMessageContaining("PutAlarm");
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of("MODELAUDIT_RATE_LIMITS", "PutMetricAlarm=fast")))
        .hasMessageContaining("MODELAUDIT_RATE_LIMITS");
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_RATE_LIMITS", "PutMetricAlarm")))
        .hasMessageContaining("Operation=callsPerSecond");
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of("MODELAUDIT_RATE_LIMITS", "PutMetricAlarm=0")))
        .hasMessageContaining("positive");
  }

  @Test
  void periodsAndThreadsAreReadFromTheEnvironment() {
    OperatorConfig config =
        OperatorConfig.fromEnvironment(
            Map.of(
                "MODELAUDIT_DRIFT_CHECK_INTERVAL", "10m",
                "MODELAUDIT_ALARM_STATE_INTERVAL", "30s",
                "MODELAUDIT_RESYNC_INTERVAL", "6h",
                "MODELAUDIT_RECONCILE_THREADS", "100"));

    assertThat(config.driftCheckInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.alarmStateInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.resyncInterval()).isEqualTo(Duration.ofHours(6));
    assertThat(config.reconcileThreads()).isEqualTo(100);
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_DRIFT_CHECK_INTERVAL", "0s")))
        .hasMessageContaining("MODELAUDIT_DRIFT_CHECK_INTERVAL");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of("MODELAUDIT_RECONCILE_THREADS", "0")))
        .hasMessageContaining("MODELAUDIT_RECONCILE_THREADS");
  }

  @Test
  void scalingMultipliesEveryLimit() {
    OperatorConfig scaled = OperatorConfig.defaults().withRateLimitsScaled(10);

    assertThat(scaled.rateLimit("PutMetricAlarm")).isEqualTo(30.0);
    assertThat(scaled.rateLimit("CreateLogStream")).isEqualTo(500.0);
  }
}
