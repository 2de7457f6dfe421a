package io.modelaudit.operator.cloudwatch;

import java.util.List;

/**
 * The configurable attributes of a composite alarm.
 *
 * @param rule the AlarmRule, e.g. {@code ALARM("a") OR ALARM("b")}
 * @param actionsSuppressor name or ARN of the alarm that suppresses the actions; null for none
 * @param suppressorWaitPeriod seconds; null without a suppressor
 * @param suppressorExtensionPeriod seconds; null without a suppressor
 */
public record CompositeAlarmConfig(
    String alarmName,
    String description,
    String rule,
    boolean actionsEnabled,
    List<String> alarmActions,
    List<String> okActions,
    List<String> insufficientDataActions,
    String actionsSuppressor,
    Integer suppressorWaitPeriod,
    Integer suppressorExtensionPeriod) {

  public CompositeAlarmConfig {
    alarmActions = alarmActions == null ? List.of() : List.copyOf(alarmActions);
    okActions = okActions == null ? List.of() : List.copyOf(okActions);
    insufficientDataActions =
        insufficientDataActions == null ? List.of() : List.copyOf(insufficientDataActions);
  }
}
