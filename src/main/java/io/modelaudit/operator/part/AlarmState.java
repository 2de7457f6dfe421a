package io.modelaudit.operator.part;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An alarm's state as CloudWatch last evaluated it, from wherever the operator learned it (a
 * listing, a pushed event): states are ordered by {@code updatedAt}, and status never goes back to
 * an older one.
 *
 * @param value OK, ALARM or INSUFFICIENT_DATA
 */
public record AlarmState(String value, String reason, Instant updatedAt) {

  public AlarmState {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Whether this state is newer than one that was updated at {@code other} (null: unknown). */
  public boolean isNewerThan(Instant other) {
    return other == null || updatedAt.isAfter(other);
  }

  /** The time of a state as status records it (RFC 3339); null when absent or unreadable. */
  public static Instant timeOf(String recorded) {
    try {
      return recorded == null ? null : Instant.parse(recorded);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
