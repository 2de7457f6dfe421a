package io.modelaudit.operator.validation;

import java.util.Objects;

/**
 * One problem in a ModelAudit spec: the path of the field at fault, what is wrong and what is
 * allowed, and whether it breaks a schema or AWS rule or the operator's tenancy policy.
 *
 * @param field path of the field, e.g. {@code spec.alarms[1].period} or {@code spec.tags["aws:x"]}
 * @param message what is wrong and what is allowed
 * @param kind which kind of rule the spec breaks
 */
public record Violation(String field, String message, Kind kind) {

  /** Which kind of rule a violation breaks; the two map to different status reasons. */
  public enum Kind {
    /** The spec breaks a rule of the CRD schema or of AWS. */
    INVALID_SPEC,
    /** The spec is well formed but the operator's configuration does not allow it. */
    POLICY
  }

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(kind, "kind");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
