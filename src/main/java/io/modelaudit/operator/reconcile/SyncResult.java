package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.status.Outcome;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one reconcile did: its outcome, the per-part status when AWS was observed (null keeps the
 * previous), the writes made, and the out-of-band changes that made the inventory ask for it.
 */
record SyncResult(
    Outcome outcome, Consumer<ModelAuditStatus> parts, List<Change> applied, List<String> drift) {

  SyncResult {
    applied = List.copyOf(applied);
    drift = List.copyOf(drift);
  }

  /** A reconcile that ended before any AWS write. */
  static SyncResult of(Outcome outcome, List<String> drift) {
    return new SyncResult(outcome, null, List.of(), drift);
  }
}
