package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.audit.Observer;
import io.modelaudit.operator.audit.Planner;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Plan;
import io.modelaudit.operator.part.ReadMode;
import io.modelaudit.operator.status.EventReason;
import io.modelaudit.operator.status.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans AWS up when a ModelAudit is deleted, as its deletion policy says: the desired state (from
 * the spec, or only its policy when the spec is invalid) located where status says the resources
 * were made, observed, and the parts' removals applied last part first.
 */
final class Deletion {

  private static final Logger LOG = LoggerFactory.getLogger(Deletion.class);

  /**
   * How a cleanup ended.
   *
   * @param failure why it must be retried; empty when it is done and the finalizer may go
   * @param abandoned whether it was cut short because this replica may no longer act; then nothing
   *     is reported and the next leader cleans up
   */
  record Result(Optional<Outcome> failure, boolean abandoned) {
    Result(Optional<Outcome> failure) {
      this(failure, false);
    }

    boolean done() {
      return failure.isEmpty();
    }
  }

  private final CloudWatchGateways gateways;
  private final Derivation derivation;
  private final ReconcileEvents events;
  private final Predicate<RuntimeException> abandoned;

  Deletion(
      CloudWatchGateways gateways,
      Derivation derivation,
      ReconcileEvents events,
      Predicate<RuntimeException> abandoned) {
    this.gateways = gateways;
    this.derivation = derivation;
    this.events = events;
    this.abandoned = abandoned;
  }

  Result run(ModelAudit resource, String id) {
    Optional<DesiredState> cleanup;
    try {
      cleanup = derivation.desiredForCleanup(resource);
    } catch (Derivation.AccountUnavailable e) {
      return new Result(Optional.of(e.outcome()));
    }
    if (cleanup.isEmpty()) {
      LOG.info("{}: nothing was ever written to AWS for it, so nothing to clean up", id);
      return new Result(Optional.empty());
    }
    DesiredState desired = cleanup.get();
    if (desired.deletionPolicy() == DeletionPolicy.Orphan) {
      LOG.info("{}: deletionPolicy Orphan, leaving every AWS resource in place", id);
      events.normal(
          resource, EventReason.Orphaned, "deletionPolicy Orphan: AWS resources left in place");
      return new Result(Optional.empty());
    }
    List<Change> applied = new ArrayList<>();
    try {
      CloudWatchGateway gateway = gateways.forTarget(desired.target());
      Observation observed =
          Observer.observe(gateway, desired, resource.getStatus(), ReadMode.FULL);
      Plan plan = Planner.delete(desired, observed);
      List<Cleanup.Kept> kept = new ArrayList<>(plan.kept());
      Converger.applyCleanup(gateway, id, plan.changes(), applied, kept);
      for (Cleanup.Kept each : kept) {
        if (each.warning()) {
          events.warning(resource, each.reason(), each.message());
        } else {
          events.normal(resource, each.reason(), each.message());
        }
      }
      events.writes(resource, applied);
      LOG.info("{}: cleanup done ({} writes), removing finalizer", id, applied.size());
      return new Result(Optional.empty());
    } catch (RuntimeException e) {
      if (abandoned.test(e)) {
        LOG.info("{}: cleanup abandoned, this replica no longer leads: {}", id, e.getMessage());
        return new Result(Optional.of(ErrorMapping.toOutcome(e)), true);
      }
      return new Result(Optional.of(ErrorMapping.toOutcome(e)));
    }
  }
}
