package io.modelaudit.operator.cloudwatch;

import java.util.Objects;

/**
 * Where an EventBridge rule sends what it matches: the target's id within the rule and the ARN of
 * the receiving resource (an SQS queue here).
 */
public record RuleTarget(String id, String arn) {

  public RuleTarget {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(arn, "arn");
  }
}
