package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.status.Outcome.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {

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
    assertThat(outcome.message()).contains("PutMetricAlarm").contains("it went wrong");
    assertThat(ErrorMapping.isRetryable(outcome)).isEqualTo(state == State.PROGRESSING);
  }

  @ParameterizedTest
  @CsvSource({"boom"})
  void unexpectedErrorsAreRetried(String message) {
    Outcome outcome = ErrorMapping.toOutcome(new IllegalStateException(message));
    assertThat(outcome.reason().name()).isEqualTo("InternalError");
    assertThat(outcome.message()).contains("IllegalStateException").contains(message);
    assertThat(ErrorMapping.isRetryable(outcome)).isTrue();
  }
}
