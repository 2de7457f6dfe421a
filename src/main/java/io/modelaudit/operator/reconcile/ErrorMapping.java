package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.status.Reasons;

/** The one place where a failure becomes a status outcome. */
final class ErrorMapping {

  private ErrorMapping() {}

  /** The outcome a failed reconcile reports. */
  static Outcome toOutcome(Throwable error) {
    if (error instanceof GatewayException e) {
      return switch (e.kind()) {
        case TRANSIENT ->
            Outcome.progressing(
                Reasons.TRANSIENT_ERROR,
                "AWS call failed transiently, retrying with backoff: " + e.getMessage());
        case ALREADY_EXISTS, NOT_FOUND ->
            Outcome.progressing(
                Reasons.PROGRESSING,
                "AWS changed while the operator worked, retrying: " + e.getMessage());
        case PERMISSION ->
            Outcome.stalled(
                Reasons.ACCESS_DENIED,
                "AWS denied "
                    + e.operation()
                    + ": "
                    + e.getMessage()
                    + ". Grant the operator's IAM role this action on the resource (see"
                    + " deploy/iam-policy.json).");
        case LIMIT_EXCEEDED ->
            Outcome.stalled(
                Reasons.LIMIT_EXCEEDED,
                "An AWS quota would be exceeded: "
                    + e.getMessage()
                    + ". Reduce the number of resources or raise the quota.");
        case INVALID_INPUT ->
            Outcome.stalled(
                Reasons.AWS_REJECTED,
                "AWS rejected the request: " + e.getMessage() + ". Fix the spec.");
        case CONFLICT ->
            Outcome.stalled(
                Reasons.AWS_CONFLICT,
                "The resource's state in AWS forbids the change: " + e.getMessage());
      };
    }
    return Outcome.progressing(
        Reasons.INTERNAL_ERROR,
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
    return outcome.state() == Outcome.State.STALLED
        && !Reasons.INVALID_SPEC.equals(outcome.reason())
        && !Reasons.POLICY_VIOLATION.equals(outcome.reason())
        && !Reasons.IMMUTABLE_FIELD_CHANGED.equals(outcome.reason());
  }

  /** Whether the failure is worth retrying with backoff (as opposed to waiting for a person). */
  static boolean isRetryable(Outcome outcome) {
    return outcome.state() == Outcome.State.PROGRESSING;
  }
}
