package io.modelaudit.operator.part;

import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.config.OperatorConfig;

/**
 * What a part's desired shape is derived from.
 *
 * @param spec a spec that passed validation
 * @param soFar the ModelAudit's identity and the slices of the parts before this one
 */
public record DesiredInput(
    String namespace,
    String name,
    ModelAuditSpec spec,
    OperatorConfig config,
    DesiredState soFar) {}
