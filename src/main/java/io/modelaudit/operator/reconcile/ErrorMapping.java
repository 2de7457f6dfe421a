package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.cloudwatch.RoleNotAssumed;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Outcome;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes a status outcome.
 *
 * <p>Status and events are read by the tenant who owns the ModelAudit; AWS's own messages name the
 * operator's role, its account and other resources, so they go to the operator's log only. The
 * outcome names the AWS operation, AWS's error code, the resource the failed write was for and the
 * field of the spec to look at.
 */
final class ErrorMapping {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  /** The field of the spec a write takes its values from, for a request AWS rejected. */
  private static final Map<String, String> FIELD_BY_OPERATION =
      Map.ofEntries(
          Map.entry(Operations.CREATE_LOG_GROUP, "spec.logGroup"),
          Map.entry(Operations.PUT_RETENTION_POLICY, "spec.logGroup.retentionInDays"),
          Map.entry(Operations.ASSOCIATE_KMS_KEY, "spec.logGroup.kmsKeyArn"),
          Map.entry(
              Operations.PUT_LOG_GROUP_DELETION_PROTECTION, "spec.logGroup.deletionProtection"),
          Map.entry(Operations.CREATE_LOG_STREAM, "spec.logStreams"),
          Map.entry(Operations.PUT_METRIC_FILTER, "spec.metricFilters and spec.presets"),
          Map.entry(Operations.PUT_METRIC_ALARM, "spec.alarms and spec.presets"),
          Map.entry(Operations.PUT_ANOMALY_DETECTOR, "spec.alarms[].anomalyDetector"),
          Map.entry(Operations.PUT_COMPOSITE_ALARM, "spec.healthAlarm"),
          Map.entry(Operations.PUT_DASHBOARD, "spec.dashboard"),
          Map.entry(Operations.TAG_RESOURCE, "spec.tags"));

  private static final String SEE_LOG = "; the operator's log has AWS's message";

  private ErrorMapping() {}

  /** The outcome a failed reconcile reports; the failure itself goes to the operator's log. */
  static Outcome toOutcome(Throwable error) {
    String change = null;
    Throwable cause = error;
    if (error instanceof ChangeFailed failed) {
      change = failed.change().describe();
      cause = failed.getCause();
    }
    if (cause instanceof GatewayException e) {
      LOG.warn(
          "AWS {} failed ({}){}: {}",
          e.operation(),
          e.kind(),
          change == null ? "" : " while trying to " + change,
          e.getMessage());
      return fromAws(e, change == null ? "" : " while trying to " + change);
    }
    LOG.warn("unexpected error", error);
    return Outcome.progressing(
        ConditionReason.InternalError,
        "Unexpected error ("
            + cause.getClass().getSimpleName()
            + "), retrying with backoff; the operator's log has the details.");
  }

  private static Outcome fromAws(GatewayException e, String during) {
    String call =
        e.operation()
            + (e.errorCode() == null ? " (no answer from AWS)" : " (" + e.errorCode() + ")");
    if (e instanceof RoleNotAssumed role && e.kind() == GatewayException.Kind.PERMISSION) {
      // the role is the namespace's own, named by its ModelAuditAccount; AWS's message names the
      // operator's identity and stays in the log
      return Outcome.stalled(
          ConditionReason.AccessDenied,
          "The operator cannot assume role "
              + role.roleArn()
              + ": "
              + call
              + during
              + ". The role's trust policy must let the operator's identity sts:AssumeRole and"
              + " sts:TagSession (with the ModelAuditAccount's external ID, if any); see"
              + " docs/multi-account.md"
              + SEE_LOG
              + ".");
    }
    return switch (e.kind()) {
      case TRANSIENT ->
          Outcome.progressing(
              ConditionReason.TransientError,
              "AWS call " + call + during + " failed transiently, retrying with backoff");
      case ALREADY_EXISTS, NOT_FOUND ->
          Outcome.progressing(
              ConditionReason.Progressing,
              "AWS changed while the operator worked: " + call + during + ", retrying");
      case PERMISSION ->
          Outcome.stalled(
              ConditionReason.AccessDenied,
              "AWS denied "
                  + call
                  + during
                  + ". Grant the operator's IAM role this action on the resource (see"
                  + " deploy/iam-policy.json)"
                  + SEE_LOG
                  + ".");
      case LIMIT_EXCEEDED ->
          Outcome.stalled(
              ConditionReason.LimitExceeded,
              "An AWS quota would be exceeded: "
                  + call
                  + during
                  + ". Reduce the number of resources or raise the quota.");
      case INVALID_INPUT ->
          Outcome.stalled(
              ConditionReason.AwsRejected,
              "AWS rejected "
                  + call
                  + during
                  + " although the spec passed validation"
                  + fieldToCheck(e.operation())
                  + SEE_LOG
                  + ".");
      case CONFLICT ->
          Outcome.stalled(
              ConditionReason.AwsConflict,
              "The resource's state in AWS forbids "
                  + call
                  + during
                  + " (for example deletion protection)"
                  + SEE_LOG
                  + ".");
    };
  }

  private static String fieldToCheck(String operation) {
    String field = FIELD_BY_OPERATION.get(operation);
    return field == null ? "" : "; check " + field;
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
