package io.modelaudit.operator.status;

/**
 * How one reconcile ended, in kstatus terms.
 *
 * @param reason why, for the condition and its event
 * @param message for humans: what happened and, when stalled, what to change
 */
public record Outcome(State state, ConditionReason reason, String message) {

  /** The three kstatus-like situations a ModelAudit can be in. */
  public enum State {
    /** Ready: AWS matches the spec. */
    SYNCED,
    /** Reconciling: work in progress or being retried. */
    PROGRESSING,
    /** Stalled: nothing improves until a person acts. */
    STALLED
  }

  public static Outcome synced(String message) {
    return new Outcome(State.SYNCED, ConditionReason.Synced, message);
  }

  public static Outcome progressing(ConditionReason reason, String message) {
    return new Outcome(State.PROGRESSING, reason, message);
  }

  public static Outcome stalled(ConditionReason reason, String message) {
    return new Outcome(State.STALLED, reason, message);
  }
}
