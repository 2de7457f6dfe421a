package io.modelaudit.operator.desired;

import io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.LogGroupClass;
import io.modelaudit.operator.api.v1alpha1.LogGroupSpec;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.MetricTransformationSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.config.OperatorConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Pure function from a (valid) ModelAudit spec to the AWS state it asks for. */
public final class DesiredStateBuilder {

  /** The stream created when spec.logStreams is absent. */
  public static final String DEFAULT_LOG_STREAM = "events";

  private DesiredStateBuilder() {}

  /** Builds the desired state; the spec must have passed validation. */
  public static DesiredState build(
      String namespace, String name, ModelAuditSpec spec, OperatorConfig config) {
    String region = Optional.ofNullable(spec.getRegion()).orElse(config.defaultRegion());
    LogGroupConfig logGroup = logGroup(namespace, name, spec.getLogGroup());
    List<MetricFilterConfig> filters = filters(logGroup.name(), spec.getMetricFilters());
    List<DesiredAlarm> alarms = alarms(namespace, name, spec, filters, config);
    DeletionPolicy policy =
        spec.getDeletionPolicy() == null
            ? DeletionPolicy.Retain
            : DeletionPolicy.valueOf(spec.getDeletionPolicy());
    return new DesiredState(
        region,
        logGroup,
        spec.getLogStreams() == null ? List.of(DEFAULT_LOG_STREAM) : spec.getLogStreams(),
        filters,
        alarms,
        tags(namespace, name, spec, config),
        Names.ownerTagValue(namespace, name),
        Names.alarmNamePrefix(config.alarmNamePrefix(), namespace, name),
        policy,
        Boolean.TRUE.equals(spec.getAdoptExisting()));
  }

  /** The effective log group name of a spec: its own or the default. */
  public static String logGroupName(String namespace, String name, ModelAuditSpec spec) {
    LogGroupSpec group = spec == null ? null : spec.getLogGroup();
    return group != null && group.getName() != null
        ? group.getName()
        : Names.defaultLogGroupName(namespace, name);
  }

  private static LogGroupConfig logGroup(String namespace, String name, LogGroupSpec spec) {
    LogGroupSpec group = spec == null ? new LogGroupSpec() : spec;
    return new LogGroupConfig(
        group.getName() != null ? group.getName() : Names.defaultLogGroupName(namespace, name),
        group.getRetentionInDays(),
        group.getKmsKeyArn(),
        group.getLogGroupClass() != null ? group.getLogGroupClass() : LogGroupClass.STANDARD.name(),
        Boolean.TRUE.equals(group.getDeletionProtection()));
  }

  private static List<MetricFilterConfig> filters(
      String logGroupName, List<MetricFilterSpec> specs) {
    if (specs == null) {
      return List.of();
    }
    List<MetricFilterConfig> filters = new ArrayList<>();
    for (MetricFilterSpec spec : specs) {
      MetricTransformationSpec metric = spec.getMetric();
      filters.add(
          new MetricFilterConfig(
              logGroupName,
              spec.getName(),
              spec.getPattern() == null ? "" : spec.getPattern(),
              metric.getNamespace(),
              metric.getName(),
              metric.getValue(),
              metric.getDefaultValue(),
              metric.getUnit(),
              metric.getDimensions()));
    }
    return filters;
  }

  private static List<DesiredAlarm> alarms(
      String namespace,
      String name,
      ModelAuditSpec spec,
      List<MetricFilterConfig> filters,
      OperatorConfig config) {
    if (spec.getAlarms() == null) {
      return List.of();
    }
    String defaultTopic =
        spec.getNotifications() == null ? null : spec.getNotifications().getSnsTopicArn();
    List<DesiredAlarm> alarms = new ArrayList<>();
    for (AlarmSpec alarm : spec.getAlarms()) {
      String metricNamespace;
      String metricName;
      Map<String, String> dimensions;
      if (alarm.getMetricFilter() != null) {
        MetricFilterConfig filter =
            filters.stream()
                .filter(f -> f.filterName().equals(alarm.getMetricFilter()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "alarm " + alarm.getName() + " names an unknown metric filter"));
        metricNamespace = filter.metricNamespace();
        metricName = filter.metricName();
        dimensions = Map.of();
      } else {
        metricNamespace = alarm.getMetric().getNamespace();
        metricName = alarm.getMetric().getName();
        dimensions = alarm.getMetric().getDimensions();
      }
      AlarmActionsSpec actions = alarm.getActions();
      AlarmConfig config1 =
          new AlarmConfig(
              Names.alarmName(config.alarmNamePrefix(), namespace, name, alarm.getName()),
              alarm.getDescription(),
              metricNamespace,
              metricName,
              dimensions,
              alarm.getStatistic(),
              alarm.getExtendedStatistic(),
              alarm.getPeriod(),
              alarm.getEvaluationPeriods(),
              alarm.getDatapointsToAlarm(),
              alarm.getComparisonOperator(),
              alarm.getThreshold(),
              alarm.getTreatMissingData(),
              alarm.getActionsEnabled() == null || alarm.getActionsEnabled(),
              actionList(actions == null ? null : actions.getAlarm(), defaultTopic),
              actionList(actions == null ? null : actions.getOk(), defaultTopic),
              actionList(actions == null ? null : actions.getInsufficientData(), null),
              null);
      alarms.add(new DesiredAlarm(alarm.getName(), config1));
    }
    return alarms;
  }

  /** The spec's own list when given (even empty), else the default topic when there is one. */
  private static List<String> actionList(List<String> given, String defaultTopic) {
    if (given != null) {
      return given;
    }
    return defaultTopic == null ? List.of() : List.of(defaultTopic);
  }

  private static Map<String, String> tags(
      String namespace, String name, ModelAuditSpec spec, OperatorConfig config) {
    Map<String, String> tags = new TreeMap<>();
    if (spec.getTags() != null) {
      tags.putAll(spec.getTags());
    }
    if (spec.getModel() != null && spec.getModel().getName() != null) {
      tags.put(Tags.MODEL, spec.getModel().getName());
    }
    if (spec.getModel() != null && spec.getModel().getVersion() != null) {
      tags.put(Tags.MODEL_VERSION, spec.getModel().getVersion());
    }
    tags.put(Tags.OWNER, Names.ownerTagValue(namespace, name));
    tags.put(Tags.CLUSTER, config.clusterName());
    return new LinkedHashMap<>(tags);
  }
}
