package io.modelaudit.operator.part.alarms;

import io.modelaudit.operator.cloudwatch.AlarmConfig;

/** One alarm of the spec: its name in the spec and its full AWS configuration. */
public record DesiredAlarm(String specName, AlarmConfig config) {

  public String alarmName() {
    return config.alarmName();
  }
}
