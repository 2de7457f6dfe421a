package io.modelaudit.operator.plan;

/**
 * A reason the operator must not touch AWS for this ModelAudit until a person acts.
 *
 * @param reason stable CamelCase reason for the Stalled condition
 * @param message what is wrong and what to change
 */
public record Blocker(String reason, String message) {}
