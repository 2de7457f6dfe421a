package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Conditions;
import io.modelaudit.operator.status.EventReason;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.status.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The events a reconcile tells humans about: what it wrote and why, alarm state changes, and the
 * conditions it moved. Status is for machines; these are for people reading kubectl describe.
 */
final class ReconcileEvents {

  private static final String ALARM = "ALARM";

  private final EventRecorder events;

  ReconcileEvents(EventRecorder events) {
    this.events = events;
  }

  /** Records the events of one reconcile that moved the status from previous to next. */
  void record(
      ModelAudit resource, ModelAuditStatus previous, ModelAuditStatus next, SyncResult result) {
    if (!result.drift().isEmpty() && !result.applied().isEmpty()) {
      events.normal(
          resource,
          EventReason.DriftRepaired,
          "changed outside the operator: "
              + String.join("; ", result.drift())
              + "; repaired: "
              + summary(result.applied()));
    }
    writes(resource, result.applied());
    alarmStateChanges(resource, previous, next);
    Outcome outcome = result.outcome();
    if (!conditionChanged(previous, outcome)) {
      return;
    }
    if (outcome.state() == Outcome.State.SYNCED
        || outcome.reason() == ConditionReason.Adopting
        || outcome.reason() == ConditionReason.Recording) {
      events.normal(resource, outcome.reason(), outcome.message());
    } else {
      events.warning(resource, outcome.reason(), outcome.message());
    }
  }

  /** One Normal event per kind of write (Created, Updated, Deleted), listing them. */
  void writes(ModelAudit resource, List<Change> applied) {
    for (Change.Verb verb : Change.Verb.values()) {
      List<Change> ofVerb = applied.stream().filter(c -> c.verb() == verb).toList();
      if (!ofVerb.isEmpty()) {
        events.normal(resource, reason(verb), summary(ofVerb));
      }
    }
  }

  void normal(ModelAudit resource, Reason reason, String message) {
    events.normal(resource, reason, message);
  }

  void warning(ModelAudit resource, Reason reason, String message) {
    events.warning(resource, reason, message);
  }

  /**
   * One event per alarm whose state moved: a Warning when it enters ALARM, Normal otherwise. A
   * newly created alarm's first state is news only when it is ALARM.
   */
  private void alarmStateChanges(
      ModelAudit resource, ModelAuditStatus previous, ModelAuditStatus next) {
    healthStateChange(resource, previous, next);
    if (next.getAlarms() == null) {
      return;
    }
    Map<String, String> before = new HashMap<>();
    if (previous != null && previous.getAlarms() != null) {
      previous.getAlarms().stream()
          .filter(a -> a.getAlarmName() != null && a.getState() != null)
          .forEach(a -> before.put(a.getAlarmName(), a.getState()));
    }
    for (AlarmStatus alarm : next.getAlarms()) {
      String was = before.get(alarm.getAlarmName());
      String is = alarm.getState();
      if (is == null || is.equals(was) || (was == null && !ALARM.equals(is))) {
        continue;
      }
      String message =
          "alarm "
              + alarm.getName()
              + " is "
              + is
              + (was == null ? "" : " (was " + was + ")")
              + (alarm.getStateReason() == null ? "" : ": " + alarm.getStateReason());
      if (ALARM.equals(is)) {
        events.warning(resource, EventReason.AlarmStateChanged, message);
      } else {
        events.normal(resource, EventReason.AlarmStateChanged, message);
      }
    }
  }

  /** The health alarm's state moves like an alarm's, under the same rules. */
  private void healthStateChange(
      ModelAudit resource, ModelAuditStatus previous, ModelAuditStatus next) {
    if (next.getHealthAlarm() == null || next.getHealthAlarm().getState() == null) {
      return;
    }
    String is = next.getHealthAlarm().getState();
    String was =
        previous == null
                || previous.getHealthAlarm() == null
                || !java.util.Objects.equals(
                    previous.getHealthAlarm().getAlarmName(), next.getHealthAlarm().getAlarmName())
            ? null
            : previous.getHealthAlarm().getState();
    if (is.equals(was) || (was == null && !ALARM.equals(is))) {
      return;
    }
    String message =
        "health alarm is "
            + is
            + (was == null ? "" : " (was " + was + ")")
            + (next.getHealthAlarm().getStateReason() == null
                ? ""
                : ": " + next.getHealthAlarm().getStateReason());
    if (ALARM.equals(is)) {
      events.warning(resource, EventReason.AlarmStateChanged, message);
    } else {
      events.normal(resource, EventReason.AlarmStateChanged, message);
    }
  }

  private static boolean conditionChanged(ModelAuditStatus previous, Outcome outcome) {
    if (previous == null) {
      return true;
    }
    String type =
        switch (outcome.state()) {
          case SYNCED -> Conditions.READY;
          case PROGRESSING -> Conditions.RECONCILING;
          case STALLED -> Conditions.STALLED;
        };
    return Conditions.find(previous.getConditions(), type)
        .map(
            c ->
                !Conditions.TRUE.equals(c.getStatus())
                    || !outcome.reason().name().equals(c.getReason())
                    || !outcome.message().equals(c.getMessage()))
        .orElse(true);
  }

  private static EventReason reason(Change.Verb verb) {
    return switch (verb) {
      case CREATE -> EventReason.Created;
      case UPDATE -> EventReason.Updated;
      case DELETE -> EventReason.Deleted;
    };
  }

  static String summary(List<Change> changes) {
    return changes.stream().map(Change::describe).collect(Collectors.joining("; "));
  }
}
