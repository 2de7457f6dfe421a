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
    Outcome outcome,
    Consumer<ModelAuditStatus> parts,
    List<Change> applied,
    List<String> drift,
    String abandonedBy) {

  SyncResult {
    applied = List.copyOf(applied);
    drift = List.copyOf(drift);
  }

  SyncResult(
      Outcome outcome, Consumer<ModelAuditStatus> parts, List<Change> applied, List<String> drift) {
    this(outcome, parts, applied, drift, null);
  }

  /**
   * A reconcile cut short because this replica may no longer act (it stopped leading, and AWS is
   * fenced off): nothing of it is reported; the next leader finds what was applied by its observe.
   */
  static SyncResult abandoned(RuntimeException cause, List<Change> applied) {
    return new SyncResult(
        ErrorMapping.toOutcome(cause),
        null,
        applied,
        List.of(),
        String.valueOf(cause.getMessage()));
  }

  boolean abandoned() {
    return abandonedBy != null;
  }

  /** A reconcile that ended before any AWS write. */
  static SyncResult of(Outcome outcome, List<String> drift) {
    return new SyncResult(outcome, null, List.of(), drift);
  }
}
