package io.modelaudit.operator.cloudwatch;

import java.util.Map;

/**
 * One entry of a metric-math alarm (AWS's MetricDataQuery): a metric retrieved with a statistic
 * over a period, or an expression over the ids of other entries.
 *
 * @param label null for CloudWatch's own
 * @param expression null for a retrieved metric
 * @param namespace null for an expression; likewise metricName, period and stat
 * @param returnData whether the alarm watches this entry (and, for an anomaly alarm, its band)
 */
public record MetricQuery(
    String id,
    String label,
    String expression,
    String namespace,
    String metricName,
    Map<String, String> dimensions,
    Integer period,
    String stat,
    boolean returnData) {

  public MetricQuery {
    dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
  }

  /** An entry that retrieves a metric. */
  public static MetricQuery metric(
      String id,
      String label,
      String namespace,
      String metricName,
      Map<String, String> dimensions,
      int period,
      String stat,
      boolean returnData) {
    return new MetricQuery(
        id, label, null, namespace, metricName, dimensions, period, stat, returnData);
  }

  /** An entry that computes an expression. */
  public static MetricQuery expression(
      String id, String label, String expression, boolean returnData) {
    return new MetricQuery(id, label, expression, null, null, Map.of(), null, null, returnData);
  }

  public boolean isExpression() {
    return expression != null;
  }
}
