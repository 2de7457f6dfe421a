package io.modelaudit.operator.cloudwatch;

import java.util.Objects;

/**
 * An EventBridge rule on the account's default event bus, as the operator wants it: its name, the
 * event pattern (JSON) and a description. A rule the operator keeps is always enabled.
 */
public record RuleConfig(String name, String eventPattern, String description) {

  public RuleConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(eventPattern, "eventPattern");
  }
}
