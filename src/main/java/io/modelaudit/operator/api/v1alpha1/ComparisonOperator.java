package io.modelaudit.operator.api.v1alpha1;

/** CloudWatch alarm comparison operators for static thresholds. */
public enum ComparisonOperator {
  GreaterThanOrEqualToThreshold,
  GreaterThanThreshold,
  LessThanThreshold,
  LessThanOrEqualToThreshold;
}
