package io.modelaudit.operator.part;

import java.util.List;

/**
 * The ordered writes that bring AWS to the desired state, or the blockers that forbid them; at
 * deletion, also what the parts keep on purpose.
 */
public record Plan(List<Change> changes, List<Blocker> blockers, List<Cleanup.Kept> kept) {

  public Plan {
    changes = List.copyOf(changes);
    blockers = List.copyOf(blockers);
    kept = List.copyOf(kept);
  }

  public Plan(List<Change> changes, List<Blocker> blockers) {
    this(changes, blockers, List.of());
  }

  public boolean isBlocked() {
    return !blockers.isEmpty();
  }

  public boolean isEmpty() {
    return changes.isEmpty() && blockers.isEmpty();
  }
}
