package io.modelaudit.operator.status;

/**
 * The reasons of the Ready, Reconciling and Stalled conditions. They are also the reasons of the
 * events recorded when a condition changes.
 */
public enum ConditionReason implements Reason {
  /** Every AWS part matches the spec. */
  Synced,

  /** The operator is creating or updating AWS resources. */
  Progressing,

  /**
   * The operator claimed an existing resource (spec.adoptExisting) or is recording what it held; it
   * checks the claim again before it changes anything else.
   */
  Adopting,

  /**
   * The operator records in status a resource that carries no tags (an anomaly detection model)
   * before it creates it, so that it is known as its own from the first write; the next reconcile
   * creates it.
   */
  Recording,

  /** A transient AWS failure (throttling, 5xx, network); the operator retries with backoff. */
  TransientError,

  /** The ModelAudit is being deleted and AWS cleanup is in progress or being retried. */
  Deleting,

  /** The spec breaks a rule; the message lists every violation. */
  InvalidSpec,

  /** The spec breaks the operator's tenancy policy (log group prefix, allowed actions). */
  PolicyViolation,

  /** An immutable field (region, log group name or class) changed. */
  ImmutableFieldChanged,

  /** A resource with the same name exists and is not managed by any ModelAudit. */
  AlreadyExists,

  /** A resource with the same name belongs to another ModelAudit. */
  OwnershipConflict,

  /**
   * Another ModelAudit keeps a metric this one would publish or watch (two ModelAudits may not
   * share a metric); the message names the metric and the other ModelAudit.
   */
  MetricConflict,

  /**
   * The ModelAudit's namespace has no usable AWS account: not mapped while mapping is required,
   * mapped by several ModelAuditAccounts, or by an invalid one; the cluster administrator fixes the
   * mapping.
   */
  AccountNotMapped,

  /** AWS denied the operator's credentials an action, or a mapped role cannot be assumed. */
  AccessDenied,

  /** An AWS quota would be exceeded. */
  LimitExceeded,

  /** AWS rejected a request as invalid although the spec passed validation. */
  AwsRejected,

  /** The resource's state in AWS forbids the change (e.g. deletion protection). */
  AwsConflict,

  /** An unexpected error inside the operator; retried with backoff. */
  InternalError;

  /**
   * Whether a person fixes this stall outside the spec (IAM, AWS, another ModelAudit), so the
   * operator must look again by itself; a spec problem waits for the spec to change.
   */
  public boolean isFixedOutsideTheSpec() {
    return this != InvalidSpec && this != PolicyViolation && this != ImmutableFieldChanged;
  }
}
