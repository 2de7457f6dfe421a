package io.modelaudit.operator.isolation;

import io.modelaudit.operator.api.v1alpha1.AlarmMetricQuerySpec;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.validation.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alarms whose metric a ModelAudit may not read, and the status that shows nothing of it: an
 * alarm's state reason quotes the metric's data points, so an alarm that watches another tenant's
 * metric (one made before the refusal, still in AWS) must not bring them into this status.
 */
public final class UnreadableAlarms {

  /** What status shows instead of the state reason of such an alarm. */
  public static final String WITHHELD =
      "withheld: the alarm watches a metric this ModelAudit may not read";

  private static final Pattern POLICY_ALARM_METRIC =
      Pattern.compile("^spec\\.alarms\\[(\\d+)]\\.metric(s\\[\\d+]\\.metric)?(\\..*)?$");

  private UnreadableAlarms() {}

  /** The spec names of the alarms that watch one of these families, directly or by filter. */
  public static Set<String> watching(
      ModelAuditSpec spec, String region, Collection<MetricFamily> families) {
    Set<String> names = new LinkedHashSet<>();
    if (spec == null || spec.getAlarms() == null || families.isEmpty()) {
      return names;
    }
    for (AlarmSpec alarm : spec.getAlarms()) {
      if (alarm == null || alarm.getName() == null) {
        continue;
      }
      if (watched(spec, region, alarm).stream().anyMatch(families::contains)) {
        names.add(alarm.getName());
      }
    }
    return names;
  }

  /** The spec names of the alarms whose metric breaks the operator's policy. */
  public static Set<String> outsidePolicy(ModelAuditSpec spec, List<Violation> violations) {
    Set<String> names = new LinkedHashSet<>();
    if (spec == null || spec.getAlarms() == null) {
      return names;
    }
    for (Violation violation : violations) {
      Matcher matcher = POLICY_ALARM_METRIC.matcher(violation.field());
      if (violation.kind() == Violation.Kind.POLICY && matcher.matches()) {
        int index = Integer.parseInt(matcher.group(1));
        if (index < spec.getAlarms().size()
            && spec.getAlarms().get(index) != null
            && spec.getAlarms().get(index).getName() != null) {
          names.add(spec.getAlarms().get(index).getName());
        }
      }
    }
    return names;
  }

  /**
   * Replaces the state reason of these alarms' status entries with {@link #WITHHELD}; null when
   * there are none, which keeps the status as it is.
   */
  public static Consumer<ModelAuditStatus> withhold(Set<String> alarmNames) {
    if (alarmNames.isEmpty()) {
      return null;
    }
    return next -> {
      if (next.getAlarms() == null) {
        return;
      }
      List<AlarmStatus> alarms = new ArrayList<>();
      for (AlarmStatus alarm : next.getAlarms()) {
        boolean hide =
            alarm != null
                && alarmNames.contains(alarm.getName())
                && alarm.getStateReason() != null
                && !WITHHELD.equals(alarm.getStateReason());
        alarms.add(
            hide
                ? new AlarmStatus(
                    alarm.getName(),
                    alarm.getAlarmName(),
                    alarm.getArn(),
                    alarm.getState(),
                    WITHHELD,
                    alarm.getStateUpdatedAt())
                : alarm);
      }
      next.setAlarms(alarms);
    };
  }

  /** The families an alarm watches: its metric, its filter's, or those of its metrics entries. */
  private static List<MetricFamily> watched(ModelAuditSpec spec, String region, AlarmSpec alarm) {
    List<MetricFamily> families = new ArrayList<>();
    watched(spec, region, alarm.getMetric(), alarm.getMetricFilter()).ifPresent(families::add);
    if (alarm.getMetrics() != null) {
      for (AlarmMetricQuerySpec query : alarm.getMetrics()) {
        if (query != null) {
          watched(spec, region, query.getMetric(), query.getMetricFilter())
              .ifPresent(families::add);
        }
      }
    }
    return families;
  }

  private static Optional<MetricFamily> watched(
      ModelAuditSpec spec, String region, AlarmMetricSpec metric, String metricFilter) {
    if (metric != null) {
      if (metric.getNamespace() == null || metric.getName() == null) {
        return Optional.empty();
      }
      Map<String, String> dimensions = metric.getDimensions();
      return Optional.of(
          MetricFamily.of(
              region,
              metric.getNamespace(),
              metric.getName(),
              dimensions == null ? List.of() : dimensions.keySet()));
    }
    if (metricFilter == null || spec.getMetricFilters() == null) {
      return Optional.empty();
    }
    return spec.getMetricFilters().stream()
        .filter(Objects::nonNull)
        .filter(f -> metricFilter.equals(f.getName()) && f.getMetric() != null)
        .map(MetricFilterSpec::getMetric)
        .filter(m -> m.getNamespace() != null && m.getName() != null)
        .findFirst()
        .map(
            m ->
                MetricFamily.of(
                    region,
                    m.getNamespace(),
                    m.getName(),
                    m.getDimensions() == null ? List.of() : m.getDimensions().keySet()));
  }
}
