package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.accounts.AccountResolution;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.audit.DriftDetector;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.part.AlarmSnapshot;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Listings;
import java.util.List;
import java.util.Optional;

/**
 * The reconcile of a settled ModelAudit: validate → desired → status from the inventory's latest
 * alarm listing, with no AWS read. A listing older than the last full read is not trusted (it may
 * miss what that read wrote); a listing that shows a part missing or changed turns this into a full
 * read.
 */
final class Refresh {

  private final Derivation derivation;
  private final InventoryStore inventory;
  private final Sync sync;

  Refresh(Derivation derivation, InventoryStore inventory, Sync sync) {
    this.derivation = derivation;
    this.inventory = inventory;
    this.sync = sync;
  }

  SyncResult run(ModelAudit resource, String id) {
    if (!derivation.violations(resource).isEmpty()) {
      return sync.run(resource, id, List.of());
    }
    AccountResolution account = derivation.account(resource);
    if (!account.resolved()) {
      return sync.run(resource, id, List.of());
    }
    DesiredState desired = derivation.desired(resource, account.identity().get());
    Optional<AlarmSnapshot> snapshot =
        inventory
            .alarms(desired.target())
            .filter(s -> inventory.lastFullRead(id).map(s.takenAt()::isAfter).orElse(true));
    if (snapshot.isEmpty()) {
      return SyncResult.of(Outcomes.ready(desired), List.of());
    }
    Listings listings = Listings.of(snapshot.get());
    List<String> drift = DriftDetector.drift(desired, resource.getStatus(), listings);
    if (!drift.isEmpty()) {
      return sync.run(resource, id, drift);
    }
    return new SyncResult(
        Outcomes.ready(desired),
        DriftDetector.refreshed(resource.getStatus(), listings).orElse(null),
        List.of(),
        List.of());
  }
}
