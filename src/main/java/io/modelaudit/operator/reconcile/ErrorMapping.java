package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Outcome;

/** The one place where a failure becomes a status outcome. */
final class ErrorMapping {

  private ErrorMapping() {}

  /** The outcome a failed reconcile reports. */
  static Outcome toOutcome(Throwable error) {
    if (error instanceof GatewayException e) {
      return switch (e.kind()) {
        case TRANSIENT ->
            Outcome.progressing(
                ConditionReason.TransientError,
                "AWS call failed transiently, retrying with backoff: " + e.getMessage());
        case ALREADY_EXISTS, NOT_FOUND ->
            Outcome.progressing(
                ConditionReason.Progressing,
                "AWS changed while the operator worked, retrying: " + e.getMessage());
        case PERMISSION ->
            Operations.ASSUME_ROLE.equals(e.operation())
                ? Outcome.stalled(
                    ConditionReason.AccessDenied,
                    e.getMessage()
                        + ". The role's trust policy must let the operator's own identity"
                        + " sts:AssumeRole and sts:TagSession (with the ModelAuditAccount's external"
                        + " ID, if any); see docs/multi-account.md.")
                : Outcome.stalled(
                    ConditionReason.AccessDenied,
                    "AWS denied "
                        + e.operation()
                        + ": "
                        + e.getMessage()
                        + ". Grant the operator's IAM role this action on the resource (see"
                        + " deploy/iam-policy.json).");
        case LIMIT_EXCEEDED ->
            Outcome.stalled(
                ConditionReason.LimitExceeded,
                "An AWS quota would be exceeded: "
                    + e.getMessage()
                    + ". Reduce the number of resources or raise the quota.");
        case INVALID_INPUT ->
            Outcome.stalled(
                ConditionReason.AwsRejected,
                "AWS rejected the request: " + e.getMessage() + ". Fix the spec.");
        case CONFLICT ->
            Outcome.stalled(
                ConditionReason.AwsConflict,
                "The resource's state in AWS forbids the change: " + e.getMessage());
      };
    }
    return Outcome.progressing(
        ConditionReason.InternalError,
        "Unexpected error, retrying with backoff: "
            + error.getClass().getSimpleName()
            + ": "
            + error.getMessage());
  }

  /**
   * Whether a person fixes the stall outside the spec (IAM, AWS, another ModelAudit), so the
   * operator must look again by itself; a spec problem waits for the spec to change.
   */
  static boolean isFixedOutsideTheSpec(Outcome outcome) {
    return outcome.state() == Outcome.State.STALLED && outcome.reason().isFixedOutsideTheSpec();
  }

  /** Whether the failure is worth retrying with backoff (as opposed to waiting for a person). */
  static boolean isRetryable(Outcome outcome) {
    return outcome.state() == Outcome.State.PROGRESSING;
  }
}
