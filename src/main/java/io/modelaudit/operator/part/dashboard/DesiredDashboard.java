package io.modelaudit.operator.part.dashboard;

import java.util.List;

/**
 * What a ModelAudit's dashboard shows, before it is rendered: the alarms' ARNs are only known once
 * the alarms exist, so the body is rendered against what AWS holds ({@link DashboardBody}).
 *
 * @param title the model and its ModelAudit
 * @param health the health alarm's AWS name; null without one
 */
public record DesiredDashboard(
    String name,
    String region,
    String title,
    String owner,
    String logGroupName,
    List<MetricWidget> metrics,
    List<AlarmWidget> alarms,
    String health) {

  /** A graph of one metric a filter publishes. */
  public record MetricWidget(String title, String namespace, String metricName, String stat) {}

  /** A graph of one alarm, by its AWS name. */
  public record AlarmWidget(String title, String alarmName) {}

  public DesiredDashboard {
    metrics = List.copyOf(metrics);
    alarms = List.copyOf(alarms);
  }
}
