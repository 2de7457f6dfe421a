package io.modelaudit.operator.part;

import java.util.Optional;

/**
 * The inventory's latest batched listings of one region, as far as they were taken: what parts
 * compare with the desired state to find out-of-band changes without reading AWS per resource.
 */
public record Listings(Optional<AlarmSnapshot> alarms, Optional<LogGroupSnapshot> logGroups) {

  public static Listings of(AlarmSnapshot alarms) {
    return new Listings(Optional.of(alarms), Optional.empty());
  }

  public static Listings of(AlarmSnapshot alarms, LogGroupSnapshot logGroups) {
    return new Listings(Optional.of(alarms), Optional.of(logGroups));
  }
}
