package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.accounts.AccountResolution;
import io.modelaudit.operator.api.v1alpha1.MetricClaimStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.audit.DriftDetector;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.isolation.MetricClaims;
import io.modelaudit.operator.part.AlarmSnapshot;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Listings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The reconcile of a settled ModelAudit: validate → keep metrics apart → desired → status from the
 * inventory's latest alarm listing, with no AWS read. A listing older than the last full read is
 * not trusted (it may miss what that read wrote); a listing that shows a part missing or changed
 * turns this into a full read.
 */
final class Refresh {

  private final Derivation derivation;
  private final MetricClaimants claimants;
  private final InventoryStore inventory;
  private final Sync sync;

  Refresh(Derivation derivation, MetricClaimants claimants, InventoryStore inventory, Sync sync) {
    this.derivation = derivation;
    this.claimants = claimants;
    this.inventory = inventory;
    this.sync = sync;
  }

  SyncResult run(ModelAudit resource, String id) {
    // another ModelAudit's change can take this one's metrics away without a new generation
    if (!derivation.violations(resource).isEmpty() || !claimants.conflicts(resource).isEmpty()) {
      return sync.run(resource, id, List.of());
    }
    AccountResolution account = derivation.account(resource);
    if (!account.resolved()) {
      return sync.run(resource, id, List.of());
    }
    DesiredState desired = derivation.desired(resource, account.identity().get());
    Consumer<ModelAuditStatus> metrics = metricsIfUnrecorded(resource, desired.region());
    Optional<AlarmSnapshot> snapshot =
        inventory
            .alarms(desired.target())
            .filter(s -> inventory.lastFullRead(id).map(s.takenAt()::isAfter).orElse(true));
    if (snapshot.isEmpty()) {
      return new SyncResult(Outcomes.ready(desired), metrics, List.of(), List.of());
    }
    Listings listings = Listings.of(snapshot.get());
    List<String> drift = DriftDetector.drift(desired, resource.getStatus(), listings);
    if (!drift.isEmpty()) {
      return sync.run(resource, id, drift);
    }
    return new SyncResult(
        Outcomes.ready(desired),
        andThen(DriftDetector.refreshed(resource.getStatus(), listings).orElse(null), metrics),
        List.of(),
        List.of());
  }

  /**
   * The metrics a settled ModelAudit holds, when its status does not say so yet (it was made by an
   * operator that did not record them): AWS matched its spec at the last full read.
   */
  private Consumer<ModelAuditStatus> metricsIfUnrecorded(ModelAudit resource, String region) {
    List<MetricClaimStatus> metrics =
        MetricClaims.toStatus(derivation.metricUses(resource, region));
    ModelAuditStatus status = resource.getStatus();
    if (status != null && Objects.equals(status.getMetrics(), metrics)) {
      return null;
    }
    return next -> next.setMetrics(metrics);
  }

  private static Consumer<ModelAuditStatus> andThen(
      Consumer<ModelAuditStatus> first, Consumer<ModelAuditStatus> second) {
    if (first == null) {
      return second;
    }
    return second == null ? first : first.andThen(second);
  }
}
