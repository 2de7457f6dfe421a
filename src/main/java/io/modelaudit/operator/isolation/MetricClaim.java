package io.modelaudit.operator.isolation;

/**
 * One field of a spec that claims a metric family.
 *
 * @param field the field's path, e.g. spec.metricFilters[0].metric
 */
public record MetricClaim(MetricFamily family, Use use, String field) {

  /** How a ModelAudit uses a metric. */
  public enum Use {
    /** A metric filter publishes it: the ModelAudit's events move every alarm on it. */
    PUBLISH,
    /** An alarm's metric watches it: whoever publishes it moves that alarm. */
    WATCH
  }
}
