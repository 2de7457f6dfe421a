package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.part.alarms.AlarmChanges.PutMetricAlarm;
import io.modelaudit.operator.part.metricfilters.MetricFilterChanges.PutMetricFilter;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.status.Outcome.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorMappingTest {

  /** What AWS says when it denies an action: the operator's role and account, for its log only. */
  private static final String AWS_DENIAL =
      "User: arn:aws:sts::123456789012:assumed-role/modelaudit-operator/botocore-session-17 is not"
          + " authorized to perform: cloudwatch:PutMetricAlarm on resource:"
          + " arn:aws:cloudwatch:us-east-1:123456789012:alarm:modelaudit-team/model/errors"
          + " because no identity-based policy allows the cloudwatch:PutMetricAlarm action";

  @ParameterizedTest
  @CsvSource({
    "TRANSIENT, PROGRESSING, TransientError",
    "ALREADY_EXISTS, PROGRESSING, Progressing",
    "NOT_FOUND, PROGRESSING, Progressing",
    "PERMISSION, STALLED, AccessDenied",
    "LIMIT_EXCEEDED, STALLED, LimitExceeded",
    "INVALID_INPUT, STALLED, AwsRejected",
    "CONFLICT, STALLED, AwsConflict"
  })
  void everyKindMapsToOneOutcome(Kind kind, State state, ConditionReason reason) {
    Outcome outcome =
        ErrorMapping.toOutcome(
            new GatewayException(kind, "PutMetricAlarm", "SomeCode", "it went wrong"));
    assertThat(outcome.state()).isEqualTo(state);
    assertThat(outcome.reason()).isEqualTo(reason);
    assertThat(outcome.message()).contains("PutMetricAlarm").contains("SomeCode");
    assertThat(ErrorMapping.isRetryable(outcome)).isEqualTo(state == State.PROGRESSING);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void awsOwnMessageStaysInTheOperatorsLog(Kind kind) {
    Outcome outcome =
        ErrorMapping.toOutcome(
            new GatewayException(kind, "PutMetricAlarm", "AccessDeniedException", AWS_DENIAL));

    assertThat(outcome.message())
        .as("status and events are readable by tenants")
        .doesNotContain("123456789012")
        .doesNotContain("assumed-role")
        .doesNotContain("arn:aws")
        .contains("PutMetricAlarm")
        .contains("AccessDeniedException");
  }

  @Test
  void aFailedWriteNamesTheResourceAndTheFieldOfTheSpec() {
    MetricFilterConfig filter =
        new MetricFilterConfig(
            "/modelaudit/team/model", "errors", "[", "NS", "Errors", "1", null, null, Map.of());
    Outcome rejected =
        ErrorMapping.toOutcome(
            new ChangeFailed(
                new PutMetricFilter(filter, false),
                new GatewayException(
                    Kind.INVALID_INPUT,
                    "PutMetricFilter",
                    "InvalidParameterException",
                    "Invalid metric filter pattern for account 123456789012")));

    assertThat(rejected.reason()).isEqualTo(ConditionReason.AwsRejected);
    assertThat(rejected.message())
        .contains("metric filter errors")
        .contains("spec.metricFilters")
        .doesNotContain("123456789012");

    Outcome denied =
        ErrorMapping.toOutcome(
            new ChangeFailed(
                new PutMetricAlarm(alarm("modelaudit-team/model/errors"), Map.of(), false),
                new GatewayException(
                    Kind.PERMISSION, "PutMetricAlarm", "AccessDenied", AWS_DENIAL)));
    assertThat(denied.message())
        .contains("alarm modelaudit-team/model/errors")
        .contains("deploy/iam-policy.json")
        .doesNotContain("123456789012");
  }

  @ParameterizedTest
  @CsvSource({
    "PutAnomalyDetector, spec.alarms[].anomalyDetector",
    "PutCompositeAlarm, spec.healthAlarm",
    "PutDashboard, spec.dashboard",
    "PutMetricAlarm, spec.alarms and spec.presets"
  })
  void aRejectedWriteOfTheProfilesNamesTheFieldToCheck(String operation, String field) {
    Outcome outcome =
        ErrorMapping.toOutcome(
            new GatewayException(Kind.INVALID_INPUT, operation, "InvalidParameterInput", "no"));

    assertThat(outcome.message()).contains(operation).contains("check " + field);
  }

  @Test
  void unexpectedErrorsAreRetriedWithoutTheirText() {
    Outcome outcome =
        ErrorMapping.toOutcome(
            new IllegalStateException("connection to arn:aws:logs:us-east-1:123456789012 failed"));
    assertThat(outcome.reason().name()).isEqualTo("InternalError");
    assertThat(outcome.message()).contains("IllegalStateException").doesNotContain("123456789012");
    assertThat(ErrorMapping.isRetryable(outcome)).isTrue();
  }

  @Test
  void aNetworkFailureWithoutMessageDoesNotEndInNull() {
    Outcome outcome =
        ErrorMapping.toOutcome(new GatewayException(Kind.TRANSIENT, "DescribeAlarms", null, null));
    assertThat(outcome.message()).doesNotContain("null");
  }

  private static AlarmConfig alarm(String name) {
    return new AlarmConfig(
        name,
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
        null);
  }
}
