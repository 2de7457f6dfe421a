package io.modelaudit.operator.push;

import java.time.Instant;
import java.util.List;

/** One event AWS pushed, as far as the operator cares: what happened to which resource. */
public sealed interface PushEvent {

  /** EventBridge's id of the event: the same id arrives again when a delivery is repeated. */
  String id();

  /**
   * "CloudWatch Alarm State Change": the alarm's new state, as CloudWatch evaluated it at {@code
   * timestamp}.
   */
  record AlarmStateChange(
      String id, String alarmName, String state, String reason, Instant timestamp)
      implements PushEvent {}

  /**
   * "CloudWatch Alarm Configuration Change": an alarm was created, updated or deleted, by anyone
   * (the operator included: the event does not say who).
   *
   * @param operation create, update or delete
   */
  record AlarmConfigurationChange(String id, String alarmName, String operation)
      implements PushEvent {}

  /**
   * "AWS API Call via CloudTrail": a call that changed a log group, stream, filter or the tags of a
   * log group or alarm.
   *
   * @param principal who made the call: the caller's ARN as CloudTrail records it
   * @param logGroups the log groups the call names
   * @param alarms the alarms the call names
   */
  record ApiCall(
      String id,
      String eventName,
      String principal,
      Instant time,
      List<String> logGroups,
      List<String> alarms)
      implements PushEvent {

    public ApiCall {
      logGroups = List.copyOf(logGroups);
      alarms = List.copyOf(alarms);
    }
  }
}
