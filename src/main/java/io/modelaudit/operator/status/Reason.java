package io.modelaudit.operator.status;

/**
 * A stable CamelCase reason, of a condition or of an event: what machines match on and the README
 * documents. Its {@link #name()} is the value written to Kubernetes.
 */
public sealed interface Reason permits ConditionReason, EventReason {

  /** The reason as written to Kubernetes. */
  String name();
}
