package io.modelaudit.operator.part;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;

/**
 * What a part reads AWS with.
 *
 * @param status the ModelAudit's status: what the operator managed before, so that parts dropped
 *     from the spec can be found; may be null
 * @param soFar what the parts before this one observed
 * @param account the operator's AWS account, when known: ARNs AWS derives from a name need no read
 */
public record ReadContext(
    CloudWatchGateway gateway,
    DesiredState desired,
    ModelAuditStatus status,
    ReadMode mode,
    Observation soFar,
    java.util.Optional<String> account) {

  public ReadContext(
      CloudWatchGateway gateway,
      DesiredState desired,
      ModelAuditStatus status,
      ReadMode mode,
      Observation soFar) {
    this(gateway, desired, status, mode, soFar, java.util.Optional.empty());
  }
}
