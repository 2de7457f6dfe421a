package io.modelaudit.operator.part;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What AWS holds for one ModelAudit, part by part, together with what each part managed before
 * (from status), so that parts dropped from the spec can be found and removed.
 */
public final class Observation {

  private static final Observation EMPTY = new Observation(Map.of());

  private final Map<Part<?, ?>, Object> slices;

  private Observation(Map<Part<?, ?>, Object> slices) {
    this.slices = Collections.unmodifiableMap(new LinkedHashMap<>(slices));
  }

  /** Nothing observed yet. */
  public static Observation empty() {
    return EMPTY;
  }

  /** What was observed of this part. */
  @SuppressWarnings("unchecked")
  public <O> O of(Part<?, O> part) {
    Object slice = slices.get(part);
    if (slice == null) {
      throw new IllegalStateException("no observation of the " + part.name());
    }
    return (O) slice;
  }

  /** A copy with this part's observation added or replaced. */
  public <O> Observation with(Part<?, O> part, O slice) {
    Map<Part<?, ?>, Object> next = new LinkedHashMap<>(slices);
    next.put(Objects.requireNonNull(part, "part"), Objects.requireNonNull(slice, "slice"));
    return new Observation(next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Observation other && slices.equals(other.slices);
  }

  @Override
  public int hashCode() {
    return slices.hashCode();
  }

  @Override
  public String toString() {
    return "Observation" + slices;
  }
}
