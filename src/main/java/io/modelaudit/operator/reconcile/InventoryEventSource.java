package io.modelaudit.operator.reconcile;

import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.inventory.InventoryPoller;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Feeds the inventory's requests into JOSDK as events, so a drifted ModelAudit or one whose alarm
 * moved is reconciled like any other event: one at a time per resource, on the reconcile pool. It
 * runs the poller while JOSDK runs the controller, which with leader election means only on the
 * leader.
 */
final class InventoryEventSource extends AbstractEventSource<Void, ModelAudit> {

  private final Function<ResourceID, Optional<ModelAudit>> cache;
  private InventoryPoller poller;

  /**
   * @param cache the controller's cache of ModelAudits, to drop requests for one that is gone
   */
  InventoryEventSource(Function<ResourceID, Optional<ModelAudit>> cache) {
    super(Void.class, "inventory");
    this.cache = cache;
  }

  void attach(InventoryPoller poller) {
    this.poller = poller;
  }

  /**
   * Asks JOSDK to reconcile the ModelAudit; ignored while the source is stopped and for a
   * ModelAudit deleted since the poller listed it: its cleanup removes alarms and filters, which
   * the poller's listing may have taken for drift.
   */
  void request(ModelAudit resource) {
    if (!isRunning()) {
      return;
    }
    ResourceID id = ResourceID.fromResource(resource);
    boolean live =
        cache.apply(id).map(r -> r.getMetadata().getDeletionTimestamp() == null).orElse(false);
    if (live) {
      getEventHandler().handleEvent(new Event(id));
    }
  }

  @Override
  public void start() throws OperatorException {
    super.start();
    if (poller != null) {
      poller.start();
    }
  }

  @Override
  public void stop() throws OperatorException {
    if (poller != null) {
      poller.stop();
    }
    super.stop();
  }

  @Override
  public Set<Void> getSecondaryResources(ModelAudit primary) {
    return Set.of();
  }
}
