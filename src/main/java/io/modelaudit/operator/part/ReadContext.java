package io.modelaudit.operator.part;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;

/**
 * What a part reads AWS with.
 *
 * @param status the ModelAudit's status: what the operator managed before, so that parts dropped
 *     from the spec can be found; may be null
 * @param soFar what the parts before this one observed
 */
public record ReadContext(
    CloudWatchGateway gateway,
    DesiredState desired,
    ModelAuditStatus status,
    ReadMode mode,
    Observation soFar) {}
