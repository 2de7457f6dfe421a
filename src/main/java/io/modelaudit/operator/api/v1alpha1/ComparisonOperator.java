package io.modelaudit.operator.api.v1alpha1;

/**
 * CloudWatch alarm comparison operators: four for a static threshold, three for an anomaly
 * detection band (an alarm with thresholdMetricId).
 */
public enum ComparisonOperator {
  GreaterThanOrEqualToThreshold,
  GreaterThanThreshold,
  LessThanThreshold,
  LessThanOrEqualToThreshold,
  LessThanLowerOrGreaterThanUpperThreshold,
  LessThanLowerThreshold,
  GreaterThanUpperThreshold;

  /** Whether the operator compares with an anomaly detection band rather than a threshold. */
  public boolean isBand() {
    return this == LessThanLowerOrGreaterThanUpperThreshold
        || this == LessThanLowerThreshold
        || this == GreaterThanUpperThreshold;
  }

  /** Whether this is the name of a band operator. */
  public static boolean isBand(String name) {
    for (ComparisonOperator operator : values()) {
      if (operator.name().equals(name)) {
        return operator.isBand();
      }
    }
    return false;
  }

  /** The band operators, for CEL rules and messages. */
  public static final String BAND_OPERATORS =
      "'LessThanLowerOrGreaterThanUpperThreshold', 'LessThanLowerThreshold',"
          + " 'GreaterThanUpperThreshold'";
}
