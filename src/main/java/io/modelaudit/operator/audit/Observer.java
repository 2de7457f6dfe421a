package io.modelaudit.operator.audit;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.ReadMode;

/** Reads what AWS holds for one ModelAudit, part by part in order: the observe step. */
public final class Observer {

  private Observer() {}

  /**
   * Reads every part.
   *
   * @param status what the operator managed before, so that parts dropped from the spec are read
   *     too; may be null
   */
  public static Observation observe(
      CloudWatchGateway gateway, DesiredState desired, ModelAuditStatus status, ReadMode mode) {
    Observation observed = Observation.empty();
    for (Part<?, ?> part : AuditParts.IN_ORDER) {
      observed =
          withSlice(part, new ReadContext(gateway, desired, status, mode, observed), observed);
    }
    return observed;
  }

  private static <O> Observation withSlice(Part<?, O> part, ReadContext read, Observation soFar) {
    return soFar.with(part, part.observe(read));
  }
}
