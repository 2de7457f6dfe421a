package io.modelaudit.operator.cloudwatch;

import java.util.List;
import java.util.Map;

/**
 * The configurable attributes of a metric alarm: on a single metric, or on metric math ({@link
 * #metrics}, and for an anomaly detection band {@link #thresholdMetricId}).
 *
 * @param statistic null when extendedStatistic is set
 * @param extendedStatistic null when statistic is set
 * @param datapointsToAlarm null means equal to evaluationPeriods
 * @param treatMissingData null means AWS's default, missing
 * @param unit null when the alarm does not filter by unit
 * @param metrics the entries of a metric-math alarm, empty otherwise; then the single-metric fields
 *     (namespace, name, dimensions, statistics, period, unit) are null, empty or 0
 * @param thresholdMetricId the id of the ANOMALY_DETECTION_BAND entry an anomaly alarm compares
 *     with, instead of the threshold; null for a static threshold
 */
public record AlarmConfig(
    String alarmName,
    String description,
    String metricNamespace,
    String metricName,
    Map<String, String> dimensions,
    String statistic,
    String extendedStatistic,
    int period,
    int evaluationPeriods,
    Integer datapointsToAlarm,
    String comparisonOperator,
    double threshold,
    String treatMissingData,
    boolean actionsEnabled,
    List<String> alarmActions,
    List<String> okActions,
    List<String> insufficientDataActions,
    String unit,
    List<MetricQuery> metrics,
    String thresholdMetricId) {

  public AlarmConfig {
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
    alarmActions = alarmActions == null ? List.of() : List.copyOf(alarmActions);
    okActions = okActions == null ? List.of() : List.copyOf(okActions);
    insufficientDataActions =
        insufficientDataActions == null ? List.of() : List.copyOf(insufficientDataActions);
  }

  /** A metric alarm on a single metric. */
  public AlarmConfig(
      String alarmName,
      String description,
      String metricNamespace,
      String metricName,
      Map<String, String> dimensions,
      String statistic,
      String extendedStatistic,
      int period,
      int evaluationPeriods,
      Integer datapointsToAlarm,
      String comparisonOperator,
      double threshold,
      String treatMissingData,
      boolean actionsEnabled,
      List<String> alarmActions,
      List<String> okActions,
      List<String> insufficientDataActions,
      String unit) {
    this(
        alarmName,
        description,
        metricNamespace,
        metricName,
        dimensions,
        statistic,
        extendedStatistic,
        period,
        evaluationPeriods,
        datapointsToAlarm,
        comparisonOperator,
        threshold,
        treatMissingData,
        actionsEnabled,
        alarmActions,
        okActions,
        insufficientDataActions,
        unit,
        List.of(),
        null);
  }

  /** Whether the alarm watches metric math rather than a single metric. */
  public boolean isMetricMath() {
    return !metrics.isEmpty();
  }
}
