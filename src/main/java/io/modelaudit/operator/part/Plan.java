package io.modelaudit.operator.part;

import java.util.List;

/**
 * The ordered writes that bring AWS to the desired state, or the blockers that forbid them; at
 * deletion, also what the parts keep on purpose.
 *
 * @param step what the writes are: a converge, or the first steps of an adoption
 * @param why for {@link Step#RECORD} and {@link Step#PREPARE}, what is recorded
 */
public record Plan(
    List<Change> changes, List<Blocker> blockers, List<Cleanup.Kept> kept, Step step, String why) {

  /** What a plan does. */
  public enum Step {
    /** Writes what differs from the spec (or, at deletion, removes what the policy says). */
    CONVERGE,
    /** Writes only ownership claims on resources to adopt; the next reconcile checks them. */
    CLAIM,
    /** Writes nothing to AWS: status first records what an adopted resource held. */
    RECORD,
    /**
     * Writes nothing to AWS: status first records what the operator is about to create, because it
     * carries no tags that would say whose it is.
     */
    PREPARE
  }

  public Plan {
    changes = List.copyOf(changes);
    blockers = List.copyOf(blockers);
    kept = List.copyOf(kept);
  }

  public Plan(List<Change> changes, List<Blocker> blockers) {
    this(changes, blockers, List.of(), Step.CONVERGE, "");
  }

  public Plan(List<Change> changes, List<Blocker> blockers, List<Cleanup.Kept> kept) {
    this(changes, blockers, kept, Step.CONVERGE, "");
  }

  public boolean isBlocked() {
    return !blockers.isEmpty();
  }

  public boolean isEmpty() {
    return changes.isEmpty() && blockers.isEmpty();
  }
}
