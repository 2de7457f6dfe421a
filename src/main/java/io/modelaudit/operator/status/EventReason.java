package io.modelaudit.operator.status;

/**
 * The reasons of the events that are not condition changes (those carry a {@link ConditionReason}).
 */
public enum EventReason implements Reason {
  /** AWS resources were created; the message lists them. */
  Created,

  /** AWS resources were changed; the message lists what and why. */
  Updated,

  /** AWS resources were deleted; the message lists them. */
  Deleted,

  /** Something changed outside the operator and was put back; the message says what. */
  DriftRepaired,

  /** An alarm's state moved: a Warning when it entered ALARM, Normal otherwise. */
  AlarmStateChanged,

  /** deletionPolicy Orphan: the ModelAudit was deleted and every AWS resource left in place. */
  Orphaned,

  /** The log group has deletion protection on and was kept although deletionPolicy is Delete. */
  DeletionProtected,

  /** The AWS cleanup of a deleted ModelAudit failed; it is retried and the finalizer stays. */
  DeleteFailed,

  /**
   * At deletion, something the operator did not make (an adopted log group or alarm, streams and
   * filters it held) was kept; the message says what and why.
   */
  Kept
}
