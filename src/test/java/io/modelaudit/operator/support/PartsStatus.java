package io.modelaudit.operator.support;

import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.LogGroupStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import java.util.List;
import java.util.function.Consumer;

/** The per-part status of the four core parts, written flat for status tests and fixtures. */
public final class PartsStatus {

  private PartsStatus() {}

  /** Sets the region and the entries of the log group, streams, filters and alarms. */
  public static Consumer<ModelAuditStatus> of(
      String region,
      LogGroupStatus logGroup,
      List<String> logStreams,
      List<MetricFilterStatus> metricFilters,
      List<AlarmStatus> alarms) {
    return next -> {
      next.setRegion(region);
      next.setLogGroup(logGroup);
      next.setLogStreams(logStreams);
      next.setMetricFilters(metricFilters);
      next.setAlarms(alarms);
    };
  }
}
