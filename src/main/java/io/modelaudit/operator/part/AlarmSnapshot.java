package io.modelaudit.operator.part;

import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedCompositeAlarm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every alarm under the operator's name prefix in one region, metric and composite, with its
 * configuration and state, as batched DescribeAlarms listings saw them.
 *
 * @param takenAt when the listing started: changes made after it may be missing
 */
public record AlarmSnapshot(
    String region,
    Instant takenAt,
    Map<String, ObservedAlarm> alarms,
    Map<String, ObservedCompositeAlarm> composites) {

  public AlarmSnapshot {
    alarms = Map.copyOf(alarms);
    composites = Map.copyOf(composites);
  }

  /** A snapshot of metric alarms only. */
  public AlarmSnapshot(String region, Instant takenAt, Map<String, ObservedAlarm> alarms) {
    this(region, takenAt, alarms, Map.of());
  }

  public static AlarmSnapshot of(String region, Instant takenAt, List<ObservedAlarm> listed) {
    return of(region, takenAt, listed, List.of());
  }

  public static AlarmSnapshot of(
      String region,
      Instant takenAt,
      List<ObservedAlarm> listed,
      List<ObservedCompositeAlarm> composites) {
    return new AlarmSnapshot(
        region,
        takenAt,
        listed.stream()
            .collect(Collectors.toMap(ObservedAlarm::alarmName, Function.identity(), (a, b) -> a)),
        composites.stream()
            .collect(
                Collectors.toMap(
                    ObservedCompositeAlarm::alarmName, Function.identity(), (a, b) -> a)));
  }

  public Optional<ObservedAlarm> alarm(String alarmName) {
    return Optional.ofNullable(alarms.get(alarmName));
  }

  public Optional<ObservedCompositeAlarm> composite(String alarmName) {
    return Optional.ofNullable(composites.get(alarmName));
  }
}
