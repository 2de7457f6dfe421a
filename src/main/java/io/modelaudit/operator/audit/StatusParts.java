package io.modelaudit.operator.audit;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Part;
import java.util.function.Consumer;

/** Turns an observation into the per-part status: what exists and what the operator manages. */
public final class StatusParts {

  private StatusParts() {}

  /**
   * Sets the region and every part's entry of the status from this observation.
   *
   * @param previous the status before this reconcile, for entries a part keeps; may be null
   */
  public static Consumer<ModelAuditStatus> from(
      DesiredState desired, Observation observed, ModelAuditStatus previous) {
    return next -> {
      next.setRegion(desired.region());
      for (Part<?, ?> part : AuditParts.IN_ORDER) {
        part.status(desired, observed, previous, next);
      }
    };
  }
}
