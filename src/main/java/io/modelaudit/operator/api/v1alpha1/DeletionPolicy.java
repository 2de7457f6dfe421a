package io.modelaudit.operator.api.v1alpha1;

/** What happens in AWS when a ModelAudit is deleted. */
public enum DeletionPolicy {
  Retain,
  Delete,
  Orphan;
}
