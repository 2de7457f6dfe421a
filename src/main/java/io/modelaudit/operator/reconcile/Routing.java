package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.inventory.Trigger;
import io.modelaudit.operator.status.StatusBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides, in one place, how a reconcile reads AWS. A ModelAudit that is Ready for its generation
 * is not read from AWS again on every event: the inventory's batched listings watch it, and its
 * reconcile takes alarm states from the latest listing. It is read in full when the inventory found
 * drift, when its periodic full read is due, and whenever it is not Ready for its generation (new,
 * edited, failing).
 */
final class Routing {

  /**
   * How one reconcile proceeds.
   *
   * @param checkAlarms whether a settled ModelAudit's alarms are read by name first (one of them
   *     was changed in AWS, by anyone)
   */
  record Route(boolean fullRead, List<String> drift, boolean checkAlarms) {}

  private final InventoryStore inventory;
  private final Duration resyncInterval;
  private final boolean periodicFullReads;
  private final Clock clock;

  /**
   * @param periodicFullReads whether JOSDK's periodic reconcile reads in full once the resync
   *     interval passed; off when CloudTrail pushes what only full reads see (tags, streams)
   */
  Routing(
      InventoryStore inventory, Duration resyncInterval, boolean periodicFullReads, Clock clock) {
    this.inventory = inventory;
    this.resyncInterval = resyncInterval;
    this.periodicFullReads = periodicFullReads;
    this.clock = clock;
  }

  /** Takes the inventory's trigger for this reconcile, if any, and decides. */
  Route route(ModelAudit resource, String id) {
    Optional<Trigger> trigger = inventory.takeTrigger(id);
    List<String> drift =
        trigger
            .filter(t -> t.kind() == Trigger.Kind.DRIFT)
            .map(Trigger::findings)
            .orElse(List.of());
    return new Route(
        needsFullRead(resource, id, trigger),
        drift,
        trigger.filter(t -> t.kind() == Trigger.Kind.ALARM_CHECK).isPresent());
  }

  /**
   * A settled ModelAudit is left to the inventory unless it drifted or its periodic full read is
   * due; JOSDK's own periodic reconcile counts as due once the resync interval passed since the
   * last full read.
   */
  private boolean needsFullRead(ModelAudit resource, String id, Optional<Trigger> trigger) {
    if (trigger.map(Trigger::needsFullRead).orElse(false)) {
      return true;
    }
    Long generation = resource.getMetadata().getGeneration();
    if (!StatusBuilder.isReadyFor(resource.getStatus(), generation == null ? 0L : generation)) {
      return true;
    }
    if (!periodicFullReads) {
      return false;
    }
    Instant now = Instant.now(clock);
    return inventory
        .lastFullRead(id)
        .map(read -> !read.plus(resyncInterval).isAfter(now))
        .orElse(false);
  }
}
