package io.modelaudit.operator.part;

import io.modelaudit.operator.status.ConditionReason;

/**
 * A reason the operator must not touch AWS for this ModelAudit until a person acts.
 *
 * @param reason the reason of the Stalled condition
 * @param message what is wrong and what to change
 */
public record Blocker(ConditionReason reason, String message) {}
