package io.modelaudit.operator.part;

import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every alarm under the operator's name prefix in one region, with its configuration and state, as
 * one batched DescribeAlarms listing saw them.
 *
 * @param takenAt when the listing started: changes made after it may be missing
 */
public record AlarmSnapshot(String region, Instant takenAt, Map<String, ObservedAlarm> alarms) {

  public AlarmSnapshot {
    alarms = Map.copyOf(alarms);
  }

  public static AlarmSnapshot of(String region, Instant takenAt, List<ObservedAlarm> listed) {
    return new AlarmSnapshot(
        region,
        takenAt,
        listed.stream()
            .collect(Collectors.toMap(ObservedAlarm::alarmName, Function.identity(), (a, b) -> a)));
  }

  public Optional<ObservedAlarm> alarm(String alarmName) {
    return Optional.ofNullable(alarms.get(alarmName));
  }
}
