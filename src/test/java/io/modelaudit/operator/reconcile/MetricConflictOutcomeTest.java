package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.isolation.Claimant;
import io.modelaudit.operator.isolation.MetricClaim;
import io.modelaudit.operator.isolation.MetricClaim.Use;
import io.modelaudit.operator.isolation.MetricFamily;
import io.modelaudit.operator.isolation.MetricIsolation.Conflict;
import io.modelaudit.operator.isolation.UnreadableAlarms;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a refusal for a metric ends: Stalled and looked at again every drift check, or Reconciling
 * with backoff while the holder lets go; and what its status shows of the refused alarms.
 */
class MetricConflictOutcomeTest {

  private static final MetricFamily FAMILY =
      MetricFamily.of("us-east-1", "AIModelAuditing", "EventCount", List.of());
  private static final MetricClaim CLAIM =
      new MetricClaim(FAMILY, Use.PUBLISH, "spec.metricFilters[0].metric");

  @Test
  void aHolderThatStaysMakesAStallThatIsLookedAtAgainEveryDriftCheck() {
    Outcome outcome =
        Outcomes.metricConflict(List.of(conflict(false, false)), Optional.of("AIModelAuditing/b"));

    assertThat(outcome.state()).isEqualTo(Outcome.State.STALLED);
    assertThat(outcome.reason()).isEqualTo(ConditionReason.MetricConflict);
    assertThat(outcome.message())
        .startsWith("1 problem: spec.metricFilters[0].metric: AIModelAuditing/EventCount")
        .contains("team-a/fraud");
    assertThat(ErrorMapping.isFixedOutsideTheSpec(outcome)).isTrue();
    Requeue requeue =
        new Requeue(
            new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5)), Duration.ofMinutes(5));
    assertThat(requeue.after("team-b/chat", outcome, UpdateControl.noUpdate()).getScheduleDelay())
        .contains(Duration.ofMinutes(5).toMillis());
  }

  @Test
  void holdersThatAreLeavingMakeAWaitThatIsRetriedWithBackoff() {
    Outcome outcome =
        Outcomes.metricConflict(
            List.of(conflict(true, false), conflict(false, true)), Optional.empty());

    assertThat(outcome.state()).isEqualTo(Outcome.State.PROGRESSING);
    assertThat(ErrorMapping.isRetryable(outcome)).isTrue();
    assertThat(outcome.message())
        .startsWith("2 problems: ")
        .contains("waiting until it has let go");

    Outcome mixed =
        Outcomes.metricConflict(
            List.of(conflict(true, false), conflict(false, false)), Optional.empty());
    assertThat(mixed.reason()).isEqualTo(ConditionReason.MetricConflict);
  }

  @Test
  void theStateReasonOfARefusedAlarmIsWithheldAndTheOthersKept() {
    ModelAuditStatus status = new ModelAuditStatus();
    status.setAlarms(
        List.of(
            new AlarmStatus("shared", "a1", "arn1", "ALARM", "1 datapoint [42.0]", "t"),
            new AlarmStatus("own", "a2", "arn2", "OK", "0 datapoints", "t")));

    UnreadableAlarms.withhold(Set.of("shared")).accept(status);

    assertThat(status.getAlarms())
        .extracting(AlarmStatus::getName, AlarmStatus::getState, AlarmStatus::getStateReason)
        .containsExactly(
            tuple("shared", "ALARM", UnreadableAlarms.WITHHELD),
            tuple("own", "OK", "0 datapoints"));
    assertThat(UnreadableAlarms.withhold(Set.of())).isNull();
  }

  private static Conflict conflict(boolean deleting, boolean renamed) {
    Claimant holder =
        new Claimant(
            "team-a/fraud",
            "a",
            Instant.parse("2026-11-26T12:00:00Z"),
            deleting,
            true,
            renamed ? Map.of() : Map.of(FAMILY, Use.PUBLISH),
            Map.of(FAMILY, Use.PUBLISH));
    return new Conflict(CLAIM, Use.PUBLISH, holder, Use.PUBLISH, holder.isLeaving(FAMILY));
  }
}
