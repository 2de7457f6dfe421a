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
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pure comparison of desired and observed state, part by part: the writes that converge AWS in
 * dependency order, and nothing when they already match; at deletion, the writes in reverse order.
 */
public final class Planner {

  private Planner() {}

  /**
   * The writes that make AWS match the desired state, or the blockers that forbid any. Adopting
   * comes first: when a part must claim a resource, the plan is the claims alone; when a part must
   * first record what an adopted resource held, the plan writes nothing. Either way the next
   * reconcile reads AWS again before anything else changes.
   */
  public static Plan converge(DesiredState desired, Observation observed) {
    List<Blocker> blockers = new ArrayList<>();
    AuditParts.IN_ORDER.forEach(part -> part.blockers(desired, observed, blockers));
    if (!blockers.isEmpty()) {
      return new Plan(List.of(), blockers);
    }
    List<Change> claims = new ArrayList<>();
    AuditParts.IN_ORDER.forEach(part -> part.claims(desired, observed, claims));
    if (!claims.isEmpty()) {
      return new Plan(
          claims,
          List.of(),
          List.of(),
          Plan.Step.CLAIM,
          "claimed " + claims.stream().map(Change::describe).collect(Collectors.joining("; ")));
    }
    for (Part<?, ?> part : AuditParts.IN_ORDER) {
      Optional<String> hold = part.holds(desired, observed);
      if (hold.isPresent()) {
        return new Plan(List.of(), List.of(), List.of(), Plan.Step.RECORD, hold.get());
      }
    }
    List<String> prepared = new ArrayList<>();
    AuditParts.IN_ORDER.forEach(part -> part.prepares(desired, observed).ifPresent(prepared::add));
    if (!prepared.isEmpty()) {
      return new Plan(
          List.of(), List.of(), List.of(), Plan.Step.PREPARE, String.join("; ", prepared));
    }
    List<Change> changes = new ArrayList<>();
    AuditParts.IN_ORDER.forEach(part -> part.converge(desired, observed, changes));
    AuditParts.IN_CLEANUP_ORDER.forEach(part -> part.prune(desired, observed, changes));
    return new Plan(changes, List.of());
  }

  /**
   * Whether a part could not plan its whole desired shape because it refers to what earlier parts
   * create in this plan; the reconcile then observes and plans again after applying it.
   */
  public static boolean awaitsAnotherPass(DesiredState desired, Observation observed) {
    return AuditParts.IN_ORDER.stream().anyMatch(p -> p.awaitsEarlierParts(desired, observed));
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
