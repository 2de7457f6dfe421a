package io.modelaudit.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import java.util.Set;

/**
 * Asks JOSDK to reconcile other ModelAudits than the one at hand: those waiting for a metric this
 * one lets go of. The request is an event like any other, so the reconcile runs on the pool, one at
 * a time per resource.
 */
final class ReconcileRequests extends AbstractEventSource<Void, ModelAudit> {

  ReconcileRequests() {
    super(Void.class, "metric-claims");
  }

  /** Asks for a reconcile of the ModelAudit; ignored while the source is stopped. */
  void request(ModelAudit resource) {
    if (isRunning()) {
      getEventHandler().handleEvent(new Event(ResourceID.fromResource(resource)));
    }
  }

  @Override
  public Set<Void> getSecondaryResources(ModelAudit primary) {
    return Set.of();
  }
}
