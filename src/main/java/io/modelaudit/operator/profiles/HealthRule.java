package io.modelaudit.operator.profiles;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The rule of a ModelAudit's health alarm: ALARM when any of its alarms is in ALARM. Alarm names
 * hold '/', so each is quoted, as CloudWatch's AlarmRule syntax allows.
 */
public final class HealthRule {

  private HealthRule() {}

  /** {@code ALARM("a") OR ALARM("b")} over these AWS alarm names, in their order. */
  public static String anyInAlarm(List<String> alarmNames) {
    return alarmNames.stream()
        .map(name -> "ALARM(\"" + name + "\")")
        .collect(Collectors.joining(" OR "));
  }
}
