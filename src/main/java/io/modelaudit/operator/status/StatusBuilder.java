package io.modelaudit.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Pure construction of the next status from the previous one and a reconcile's outcome. */
public final class StatusBuilder {

  /** Alarm states from best to worst. */
  private static final List<String> STATE_ORDER = List.of("OK", "INSUFFICIENT_DATA", "ALARM");

  private StatusBuilder() {}

  /**
   * The next status.
   *
   * @param previous the current status, may be null
   * @param parts sets each part's entry from what was observed in AWS, or null to keep the previous
   *     per-part status
   * @param wroteToAws whether this reconcile changed anything in AWS
   * @param now RFC 3339 time used for transitions and lastSyncedAt
   */
  public static ModelAuditStatus next(
      ModelAuditStatus previous,
      long generation,
      Outcome outcome,
      Consumer<ModelAuditStatus> parts,
      boolean wroteToAws,
      String now) {
    ModelAuditStatus prev = previous == null ? new ModelAuditStatus() : previous;
    ModelAuditStatus next = prev.copy();
    next.setObservedGeneration(generation);
    next.setConditions(conditions(prev.getConditions(), generation, outcome, now));
    if (parts != null) {
      parts.accept(next);
      next.setAlarmState(headlineState(next));
    }
    boolean becameReady =
        outcome.state() == Outcome.State.SYNCED
            && !Conditions.isTrue(prev.getConditions(), Conditions.READY);
    boolean synced = outcome.state() == Outcome.State.SYNCED;
    next.setLastSyncedAt(
        synced && (becameReady || wroteToAws || prev.getLastSyncedAt() == null)
            ? now
            : prev.getLastSyncedAt());
    return next;
  }

  /** Whether the status says every AWS part matched the spec of this generation. */
  public static boolean isReadyFor(ModelAuditStatus status, long generation) {
    return status != null
        && status.getObservedGeneration() != null
        && status.getObservedGeneration() == generation
        && Conditions.isTrue(status.getConditions(), Conditions.READY);
  }

  /**
   * Whether the status says anything: one of Ready, Reconciling or Stalled is True. A status that
   * was erased or mangled (it is a subresource anyone with the right RBAC can write) says nothing.
   */
  public static boolean saysAnything(ModelAuditStatus status) {
    return status != null
        && status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(
                c ->
                    Conditions.TRUE.equals(c.getStatus())
                        && List.of(Conditions.READY, Conditions.RECONCILING, Conditions.STALLED)
                            .contains(c.getType()));
  }

  /**
   * The ModelAudit's headline state: its health alarm's when it has one (spec.healthAlarm), else
   * the worst state of its alarms.
   */
  public static String headlineState(ModelAuditStatus status) {
    if (status.getHealthAlarm() != null && status.getHealthAlarm().getState() != null) {
      return status.getHealthAlarm().getState();
    }
    return worstAlarmState(status.getAlarms());
  }

  /** Worst state of the alarms: ALARM > INSUFFICIENT_DATA > OK; null without alarms. */
  public static String worstAlarmState(List<AlarmStatus> alarms) {
    if (alarms == null || alarms.isEmpty()) {
      return null;
    }
    String worst = null;
    for (AlarmStatus alarm : alarms) {
      String state = alarm.getState();
      if (state == null) {
        continue;
      }
      if (worst == null || STATE_ORDER.indexOf(state) > STATE_ORDER.indexOf(worst)) {
        worst = state;
      }
    }
    return worst;
  }

  /** Whether two statuses are equal, ignoring nothing: a patch of equal statuses is skipped. */
  public static boolean same(ModelAuditStatus a, ModelAuditStatus b) {
    return Objects.equals(a, b);
  }

  private static List<Condition> conditions(
      List<Condition> previous, long generation, Outcome outcome, String now) {
    List<Condition> conditions = new ArrayList<>(previous == null ? List.of() : previous);
    boolean ready = outcome.state() == Outcome.State.SYNCED;
    boolean reconciling = outcome.state() == Outcome.State.PROGRESSING;
    boolean stalled = outcome.state() == Outcome.State.STALLED;
    conditions =
        Conditions.set(
            conditions,
            Conditions.READY,
            ready,
            outcome.reason().name(),
            outcome.message(),
            generation,
            now);
    conditions =
        Conditions.set(
            conditions,
            Conditions.RECONCILING,
            reconciling,
            outcome.reason().name(),
            reconciling ? outcome.message() : "",
            generation,
            now);
    conditions =
        Conditions.set(
            conditions,
            Conditions.STALLED,
            stalled,
            outcome.reason().name(),
            stalled ? outcome.message() : "",
            generation,
            now);
    return conditions;
  }
}
