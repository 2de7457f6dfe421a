package io.modelaudit.operator.part.anomaly;

import io.modelaudit.operator.cloudwatch.AnomalyDetectorConfig;

/**
 * The anomaly detection model an alarm's band is drawn from, with its training settings.
 *
 * @param alarm the alarm's name in the spec
 * @param ownNamespace whether the metric is in this ModelAudit's own preset namespace, which no
 *     other ModelAudit or tool publishes to: a model there can only be this ModelAudit's
 */
public record DesiredDetector(String alarm, AnomalyDetectorConfig config, boolean ownNamespace) {}
