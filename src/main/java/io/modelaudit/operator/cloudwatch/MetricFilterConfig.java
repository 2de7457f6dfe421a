package io.modelaudit.operator.cloudwatch;

import java.util.Map;

/**
 * A metric filter with its single metric transformation.
 *
 * @param defaultValue null when nothing is published for periods without a match
 * @param unit null when no unit is set (AWS reports None)
 * @param dimensions dimension name to field selector; empty when none
 */
public record MetricFilterConfig(
    String logGroupName,
    String filterName,
    String pattern,
    String metricNamespace,
    String metricName,
    String metricValue,
    Double defaultValue,
    String unit,
    Map<String, String> dimensions) {

  public MetricFilterConfig {
    dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
  }
}
