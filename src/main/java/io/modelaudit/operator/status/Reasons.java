package io.modelaudit.operator.status;

/** The stable CamelCase reasons of the Ready, Reconciling and Stalled conditions. */
public final class Reasons {

  /** Every AWS part matches the spec. */
  public static final String SYNCED = "Synced";

  /** The operator is creating or updating AWS resources. */
  public static final String PROGRESSING = "Progressing";

  /** A transient AWS failure (throttling, 5xx, network); the operator retries with backoff. */
  public static final String TRANSIENT_ERROR = "TransientError";

  /** The ModelAudit is being deleted and AWS cleanup is in progress or being retried. */
  public static final String DELETING = "Deleting";

  /** The spec breaks a rule; the message lists every violation. */
  public static final String INVALID_SPEC = "InvalidSpec";

  /** The spec breaks the operator's tenancy policy (log group prefix, allowed actions). */
  public static final String POLICY_VIOLATION = "PolicyViolation";

  /** An immutable field (region, log group name or class) changed. */
  public static final String IMMUTABLE_FIELD_CHANGED = "ImmutableFieldChanged";

  /** A resource with the same name exists and is not managed by any ModelAudit. */
  public static final String ALREADY_EXISTS = "AlreadyExists";

  /** A resource with the same name belongs to another ModelAudit. */
  public static final String OWNERSHIP_CONFLICT = "OwnershipConflict";

  /** AWS denied the operator's credentials an action. */
  public static final String ACCESS_DENIED = "AccessDenied";

  /** An AWS quota would be exceeded. */
  public static final String LIMIT_EXCEEDED = "LimitExceeded";

  /** AWS rejected a request as invalid although the spec passed validation. */
  public static final String AWS_REJECTED = "AwsRejected";

  /** The resource's state in AWS forbids the change (e.g. deletion protection). */
  public static final String AWS_CONFLICT = "AwsConflict";

  /** An unexpected error inside the operator; retried with backoff. */
  public static final String INTERNAL_ERROR = "InternalError";

  private Reasons() {}
}
