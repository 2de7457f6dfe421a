package io.modelaudit.operator.plan;

import java.util.List;

/** The ordered writes that bring AWS to the desired state, or the blockers that forbid them. */
public record Plan(List<Change> changes, List<Blocker> blockers) {

  public Plan {
    changes = List.copyOf(changes);
    blockers = List.copyOf(blockers);
  }

  public boolean isBlocked() {
    return !blockers.isEmpty();
  }

  public boolean isEmpty() {
    return changes.isEmpty() && blockers.isEmpty();
  }
}
