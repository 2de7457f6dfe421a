package io.modelaudit.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.LogGroupStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.support.PartsStatus;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StatusBuilderTest {

  private static final String T1 = "2026-01-01T00:00:00Z";
  private static final String T2 = "2026-01-01T00:05:00Z";
  private static final String T3 = "2026-01-01T00:10:00Z";

  private static final Consumer<ModelAuditStatus> PARTS =
      PartsStatus.of(
          "us-east-1",
          new LogGroupStatus("/modelaudit/a/b", "arn:lg", 7),
          List.of("events"),
          null,
          List.of(
              new AlarmStatus("x", "modelaudit-a/b/x", "arn:x", "OK", "fine", T1),
              new AlarmStatus("y", "modelaudit-a/b/y", "arn:y", "ALARM", "bad", T1)));

  @Test
  void syncedSetsReadyTrueAndTheOthersFalse() {
    ModelAuditStatus status =
        StatusBuilder.next(null, 3, Outcome.synced("in sync"), PARTS, true, T1);

    assertThat(status.getObservedGeneration()).isEqualTo(3);
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("Synced");
    assertThat(condition(status, "Reconciling").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Stalled").getStatus()).isEqualTo("False");
    assertThat(status.getConditions()).allMatch(c -> c.getObservedGeneration() == 3);
    assertThat(status.getAlarmState()).isEqualTo("ALARM");
    assertThat(status.getLastSyncedAt()).isEqualTo(T1);
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenStatusChanges() {
    ModelAuditStatus first = StatusBuilder.next(null, 1, Outcome.synced("a"), PARTS, true, T1);
    ModelAuditStatus second = StatusBuilder.next(first, 2, Outcome.synced("b"), PARTS, false, T2);

    assertThat(condition(second, "Ready").getLastTransitionTime()).isEqualTo(T1);
    assertThat(condition(second, "Ready").getMessage()).isEqualTo("b");
    assertThat(condition(second, "Ready").getObservedGeneration()).isEqualTo(2);

    ModelAuditStatus third =
        StatusBuilder.next(
            second,
            3,
            Outcome.stalled(ConditionReason.InvalidSpec, "spec.x: bad"),
            null,
            false,
            T3);
    assertThat(condition(third, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(third, "Ready").getLastTransitionTime()).isEqualTo(T3);
    assertThat(condition(third, "Stalled").getStatus()).isEqualTo("True");
    assertThat(condition(third, "Stalled").getLastTransitionTime()).isEqualTo(T3);
    assertThat(condition(third, "Stalled").getMessage()).isEqualTo("spec.x: bad");
    assertThat(condition(third, "Reconciling").getLastTransitionTime())
        .as("Reconciling stayed False")
        .isEqualTo(T1);
  }

  @Test
  void stalledKeepsThePreviousPerPartStatus() {
    ModelAuditStatus first = StatusBuilder.next(null, 1, Outcome.synced("a"), PARTS, true, T1);
    ModelAuditStatus stalled =
        StatusBuilder.next(
            first, 2, Outcome.stalled(ConditionReason.AccessDenied, "denied"), null, false, T2);
    assertThat(stalled.getLogGroup()).isEqualTo(first.getLogGroup());
    assertThat(stalled.getAlarms()).isEqualTo(first.getAlarms());
    assertThat(stalled.getLastSyncedAt()).isEqualTo(T1);
  }

  @Test
  void steadyStateProducesAnEqualStatus() {
    ModelAuditStatus first = StatusBuilder.next(null, 1, Outcome.synced("a"), PARTS, true, T1);
    ModelAuditStatus again = StatusBuilder.next(first, 1, Outcome.synced("a"), PARTS, false, T2);
    assertThat(StatusBuilder.same(first, again)).isTrue();
  }

  @Test
  void progressingSetsReconcilingTrue() {
    ModelAuditStatus status =
        StatusBuilder.next(
            null,
            1,
            Outcome.progressing(ConditionReason.TransientError, "throttled"),
            null,
            false,
            T1);
    assertThat(condition(status, "Reconciling").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Reconciling").getReason()).isEqualTo("TransientError");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(status.getLastSyncedAt()).isNull();
  }

  @Test
  void worstAlarmStateOrdersAlarmOverInsufficientDataOverOk() {
    assertThat(StatusBuilder.worstAlarmState(null)).isNull();
    assertThat(StatusBuilder.worstAlarmState(List.of(alarm("OK"), alarm("INSUFFICIENT_DATA"))))
        .isEqualTo("INSUFFICIENT_DATA");
    assertThat(StatusBuilder.worstAlarmState(List.of(alarm("ALARM"), alarm("OK"))))
        .isEqualTo("ALARM");
    assertThat(StatusBuilder.worstAlarmState(List.of(alarm("OK")))).isEqualTo("OK");
  }

  private static AlarmStatus alarm(String state) {
    return new AlarmStatus("n", "a", "arn", state, "", T1);
  }

  private static Condition condition(ModelAuditStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  @Test
  void theHealthAlarmsStateIsTheHeadlineWhenThereIsOne() {
    io.modelaudit.operator.api.v1alpha1.ModelAuditStatus status =
        new io.modelaudit.operator.api.v1alpha1.ModelAuditStatus();
    status.setAlarms(List.of(alarm("ALARM"), alarm("OK")));
    assertThat(StatusBuilder.headlineState(status)).isEqualTo("ALARM");

    // the suppressor may be in ALARM while the model is healthy: the health alarm says OK
    status.setHealthAlarm(
        new io.modelaudit.operator.api.v1alpha1.HealthAlarmStatus(
            "h", "arn:h", List.of("a"), "OK", "fine", null));
    assertThat(StatusBuilder.headlineState(status)).isEqualTo("OK");

    status.getHealthAlarm().setState(null);
    assertThat(StatusBuilder.headlineState(status)).isEqualTo("ALARM");
  }
}
