package io.modelaudit.operator.audit;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.ReadMode;
import java.util.List;

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

  /**
   * What AWS holds once a converge made these writes, for status: each part reads again or derives
   * its state from the writes (see {@link Part#afterWrites}).
   *
   * @param before the observation the plan was made from
   * @param applied the writes that succeeded, in order
   * @param account the operator's AWS account, when known
   */
  public static Observation afterWrites(
      CloudWatchGateway gateway,
      DesiredState desired,
      ModelAuditStatus status,
      Observation before,
      List<Change> applied,
      java.util.Optional<String> account) {
    Observation after = Observation.empty();
    for (Part<?, ?> part : AuditParts.IN_ORDER) {
      after =
          withSliceAfter(
              part,
              new ReadContext(gateway, desired, status, ReadMode.STATUS, after, account),
              before,
              applied,
              after);
    }
    return after;
  }

  private static <O> Observation withSlice(Part<?, O> part, ReadContext read, Observation soFar) {
    return soFar.with(part, part.observe(read));
  }

  private static <O> Observation withSliceAfter(
      Part<?, O> part,
      ReadContext read,
      Observation before,
      List<Change> applied,
      Observation soFar) {
    return soFar.with(part, part.afterWrites(read, before.of(part), applied));
  }
}
