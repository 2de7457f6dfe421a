package io.modelaudit.operator.api.v1alpha1;

import java.util.Objects;

/**
 * A field of a ModelAudit whose JSON has a type the schema forbids (text where a number belongs, an
 * object where a list belongs); the operator reads the rest of the resource and reports this field.
 *
 * @param field path of the field, e.g. {@code spec.alarms[0].period}
 * @param message what type the field must have and what it holds
 */
public record UnreadableField(String field, String message) {

  public UnreadableField {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
