package io.modelaudit.operator.cloudwatch;

import java.util.List;
import java.util.Map;

/**
 * The configurable attributes of a metric alarm on a single metric.
 *
 * @param statistic null when extendedStatistic is set
 * @param extendedStatistic null when statistic is set
 * @param datapointsToAlarm null means equal to evaluationPeriods
 * @param treatMissingData null means AWS's default, missing
 * @param unit null when the alarm does not filter by unit
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
    String unit) {

  public AlarmConfig {
    dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
    alarmActions = alarmActions == null ? List.of() : List.copyOf(alarmActions);
    okActions = okActions == null ? List.of() : List.copyOf(okActions);
    insufficientDataActions =
        insufficientDataActions == null ? List.of() : List.copyOf(insufficientDataActions);
  }
}
