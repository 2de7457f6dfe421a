package io.modelaudit.operator.part.composite;

import io.modelaudit.operator.cloudwatch.CompositeAlarmConfig;
import java.util.List;

/**
 * The health alarm of a ModelAudit: a composite alarm in ALARM when any of the chosen alarms is.
 *
 * @param alarms the spec names of the alarms it watches, in the rule's order
 */
public record DesiredHealthAlarm(CompositeAlarmConfig config, List<String> alarms) {

  public DesiredHealthAlarm {
    alarms = List.copyOf(alarms);
  }

  public String alarmName() {
    return config.alarmName();
  }
}
