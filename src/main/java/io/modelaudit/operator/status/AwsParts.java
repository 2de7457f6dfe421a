package io.modelaudit.operator.status;

import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.LogGroupStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import java.util.List;

/**
 * The per-part status observed after a converge; null fields mean "not observed this time, keep
 * what status had".
 */
public record AwsParts(
    String region,
    LogGroupStatus logGroup,
    List<String> logStreams,
    List<MetricFilterStatus> metricFilters,
    List<AlarmStatus> alarms) {}
