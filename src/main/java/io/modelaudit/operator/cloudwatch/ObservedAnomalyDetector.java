package io.modelaudit.operator.cloudwatch;

/**
 * An anomaly detection model as AWS describes it. Models carry no ARN and no tags.
 *
 * @param state PENDING_TRAINING, TRAINED_INSUFFICIENT_DATA or TRAINED; may be null
 */
public record ObservedAnomalyDetector(AnomalyDetectorConfig config, String state) {}
