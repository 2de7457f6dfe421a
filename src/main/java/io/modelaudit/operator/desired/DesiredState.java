package io.modelaudit.operator.desired;

import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import java.util.List;
import java.util.Map;

/**
 * Everything a ModelAudit asks of AWS, derived purely from its spec and the operator's
 * configuration.
 *
 * @param tags tags of the log group and of every alarm, the operator's own included
 * @param ownerTag value of the ownership tag that marks resources as this ModelAudit's
 * @param alarmNamePrefix prefix shared by every alarm name of this ModelAudit
 */
public record DesiredState(
    String region,
    LogGroupConfig logGroup,
    List<String> logStreams,
    List<MetricFilterConfig> metricFilters,
    List<DesiredAlarm> alarms,
    Map<String, String> tags,
    String ownerTag,
    String alarmNamePrefix,
    DeletionPolicy deletionPolicy,
    boolean adoptExisting) {

  public DesiredState {
    logStreams = List.copyOf(logStreams);
    metricFilters = List.copyOf(metricFilters);
    alarms = List.copyOf(alarms);
    tags = Map.copyOf(tags);
  }

  public String logGroupName() {
    return logGroup.name();
  }
}
