package io.modelaudit.operator.config;

/** How the operator picks the AWS account of a namespace (MODELAUDIT_ACCOUNT_MAPPING). */
public enum AccountMappingMode {
  /** Every ModelAudit uses the operator's own identity; ModelAuditAccounts are not read. */
  OFF,
  /** Mapped namespaces use their ModelAuditAccount's role; the others the operator's identity. */
  OPTIONAL,
  /** Mapped namespaces use their role; a ModelAudit of an unmapped namespace is Stalled. */
  REQUIRED
}
