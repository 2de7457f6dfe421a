package io.modelaudit.operator.cloudwatch;

import java.time.Instant;

/**
 * A composite alarm as AWS describes it: its configuration, ARN and state. DescribeAlarms returns
 * no tags; read them with {@link CloudWatchGateway#listAlarmTags}.
 *
 * @param state OK, ALARM or INSUFFICIENT_DATA
 */
public record ObservedCompositeAlarm(
    CompositeAlarmConfig config,
    String arn,
    String state,
    String stateReason,
    Instant stateUpdatedAt) {

  public String alarmName() {
    return config.alarmName();
  }
}
