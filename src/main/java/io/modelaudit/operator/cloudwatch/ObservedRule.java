package io.modelaudit.operator.cloudwatch;

/**
 * An EventBridge rule as AWS describes it.
 *
 * @param eventPattern the pattern as AWS stores it (JSON; compare parsed, not as text)
 * @param enabled whether the rule delivers events (state ENABLED)
 */
public record ObservedRule(
    String name, String arn, String eventPattern, boolean enabled, String description) {}
