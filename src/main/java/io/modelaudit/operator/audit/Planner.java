package io.modelaudit.operator.audit;

import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.part.Blocker;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure comparison of desired and observed state, part by part: the writes that converge AWS in
 * dependency order, and nothing when they already match; at deletion, the writes in reverse order.
 */
public final class Planner {

  private Planner() {}

  /** The writes that make AWS match the desired state, or the blockers that forbid any. */
  public static Plan converge(DesiredState desired, Observation observed) {
    List<Blocker> blockers = new ArrayList<>();
    AuditParts.IN_ORDER.forEach(part -> part.blockers(desired, observed, blockers));
    if (!blockers.isEmpty()) {
      return new Plan(List.of(), blockers);
    }
    List<Change> changes = new ArrayList<>();
    AuditParts.IN_ORDER.forEach(part -> part.converge(desired, observed, changes));
    return new Plan(changes, List.of());
  }

  /**
   * The writes that remove what the deletion policy says must go, touching only resources this
   * ModelAudit owns, last part first; and what is kept on purpose.
   */
  public static Plan delete(DesiredState desired, Observation observed) {
    Cleanup cleanup = new Cleanup();
    if (desired.deletionPolicy() != DeletionPolicy.Orphan) {
      for (Part<?, ?> part : AuditParts.IN_CLEANUP_ORDER) {
        part.cleanup(desired, observed, cleanup);
      }
    }
    return new Plan(cleanup.changes(), List.of(), cleanup.kept());
  }
}
