package io.modelaudit.operator.cloudwatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A single-metric anomaly detection model: the metric and statistic it models (its identity: there
 * is one model per metric and statistic) and how it is trained.
 *
 * @param excludedTimeRanges spans the model does not learn from; empty for none
 * @param metricTimezone a tz database name; null for UTC
 */
public record AnomalyDetectorConfig(
    String namespace,
    String metricName,
    Map<String, String> dimensions,
    String stat,
    List<TimeRange> excludedTimeRanges,
    String metricTimezone) {

  /** A span of time, start before end. */
  public record TimeRange(Instant start, Instant end) {}

  public AnomalyDetectorConfig {
    dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
    excludedTimeRanges = excludedTimeRanges == null ? List.of() : List.copyOf(excludedTimeRanges);
  }

  /** Whether the two are models of the same metric and statistic, whatever their training. */
  public boolean sameModelAs(AnomalyDetectorConfig other) {
    return namespace.equals(other.namespace)
        && metricName.equals(other.metricName)
        && dimensions.equals(other.dimensions)
        && stat.equals(other.stat);
  }

  /** The metric and statistic in a few words, for logs and messages. */
  public String describe() {
    return namespace
        + " "
        + metricName
        + (dimensions.isEmpty() ? "" : " " + new java.util.TreeMap<>(dimensions))
        + " ("
        + stat
        + ")";
  }
}
