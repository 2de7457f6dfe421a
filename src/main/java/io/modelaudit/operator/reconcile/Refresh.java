package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.accounts.AccountResolution;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.MetricClaimStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.audit.DriftDetector;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.isolation.MetricClaims;
import io.modelaudit.operator.part.AlarmSnapshot;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Listings;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.composite.CompositePart;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The reconcile of a settled ModelAudit: validate → keep metrics apart → desired → status from the
 * inventory's latest alarm listing and the states AWS pushed, with no AWS read. A listing older
 * than the last full read is not trusted (it may miss what that read wrote); a listing that shows a
 * part missing or changed turns this into a full read. When one of its alarms was changed in AWS (a
 * pushed configuration change, which does not say by whom), its alarms are read by name first, and
 * only a difference from the spec turns this into a full read.
 */
final class Refresh {

  private final CloudWatchGateways gateways;
  private final Derivation derivation;
  private final MetricClaimants claimants;
  private final InventoryStore inventory;
  private final Sync sync;
  private final Clock clock;

  Refresh(
      CloudWatchGateways gateways,
      Derivation derivation,
      MetricClaimants claimants,
      InventoryStore inventory,
      Sync sync,
      Clock clock) {
    this.gateways = gateways;
    this.derivation = derivation;
    this.claimants = claimants;
    this.inventory = inventory;
    this.sync = sync;
    this.clock = clock;
  }

  SyncResult run(ModelAudit resource, String id, boolean checkAlarms) {
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
    ModelAuditStatus status = resource.getStatus();
    Optional<AlarmSnapshot> snapshot;
    if (checkAlarms) {
      try {
        snapshot = Optional.of(alarmsByName(desired, status));
      } catch (RuntimeException e) {
        // a full read reports the failure as every reconcile does
        return sync.run(resource, id, List.of());
      }
    } else {
      snapshot =
          inventory
              .alarms(desired.target())
              .filter(s -> inventory.lastFullRead(id).map(s.takenAt()::isAfter).orElse(true));
    }
    if (snapshot.isPresent()) {
      List<String> drift = DriftDetector.drift(desired, status, Listings.of(snapshot.get()));
      if (!drift.isEmpty()) {
        return sync.run(resource, id, drift);
      }
    }
    // every part's state from the listing (the alarms', the health alarm's), then the states AWS
    // pushed since, where newer
    Consumer<ModelAuditStatus> listed =
        snapshot.flatMap(s -> DriftDetector.refreshed(status, Listings.of(s))).orElse(null);
    Consumer<ModelAuditStatus> parts = andThen(listed, PushedStates.overlay(inventory, desired));
    return new SyncResult(Outcomes.ready(desired), andThen(parts, metrics), List.of(), List.of());
  }

  /** The ModelAudit's alarms and health alarm, desired and tracked, as AWS describes them now. */
  private AlarmSnapshot alarmsByName(DesiredState desired, ModelAuditStatus status) {
    Set<String> names = new LinkedHashSet<>();
    desired.of(AlarmsPart.PART).stream().map(DesiredAlarm::alarmName).forEach(names::add);
    if (status != null && status.getAlarms() != null) {
      status.getAlarms().stream()
          .map(AlarmStatus::getAlarmName)
          .filter(Objects::nonNull)
          .forEach(names::add);
    }
    Set<String> health = CompositePart.alarmNames(desired, status);
    CloudWatchGateway gateway = gateways.forTarget(desired.target());
    return AlarmSnapshot.of(
        desired.region(),
        clock.instant(),
        gateway.describeAlarms(names),
        health.isEmpty() ? List.of() : gateway.describeCompositeAlarms(health));
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
