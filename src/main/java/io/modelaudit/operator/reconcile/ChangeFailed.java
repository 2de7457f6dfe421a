package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.part.Change;

/** A write of a plan that failed: the change, for the status message, and why, as the cause. */
final class ChangeFailed extends RuntimeException {

  private final transient Change change;

  ChangeFailed(Change change, RuntimeException cause) {
    super(change.describe() + ": " + cause.getMessage(), cause);
    this.change = change;
  }

  Change change() {
    return change;
  }
}
