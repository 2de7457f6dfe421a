package io.modelaudit.operator.part.metricfilters;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.part.Change;

/** The writes the metric filters part makes. */
public final class MetricFilterChanges {

  private MetricFilterChanges() {}

  /** Creates or replaces a metric filter. */
  public record PutMetricFilter(MetricFilterConfig filter, boolean exists) implements Change {
    public Verb verb() {
      return exists ? Verb.UPDATE : Verb.CREATE;
    }

    public String describe() {
      return (exists ? "update" : "create")
          + " metric filter "
          + filter.filterName()
          + " on "
          + filter.logGroupName();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putMetricFilter(filter);
    }
  }

  /** Deletes a metric filter. */
  public record DeleteMetricFilter(String logGroup, String filterName) implements Change.Delete {
    public String describe() {
      return "delete metric filter " + filterName + " of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteMetricFilter(logGroup, filterName);
    }
  }
}
