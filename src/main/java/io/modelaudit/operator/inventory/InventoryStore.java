package io.modelaudit.operator.inventory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.part.AlarmSnapshot;
import io.modelaudit.operator.part.AlarmState;
import io.modelaudit.operator.part.LogGroupSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the inventory and the reconciler share: the latest snapshots per account and region, the
 * triggers waiting for their reconcile, and when each ModelAudit was last read from AWS in full.
 * Keys of ModelAudits are "namespace/name". Thread-safe.
 */
public final class InventoryStore {

  private final Map<AwsTarget, AlarmSnapshot> alarms = new ConcurrentHashMap<>();
  private final Map<AwsTarget, LogGroupSnapshot> logGroups = new ConcurrentHashMap<>();
  private final Map<String, Trigger> triggers = new ConcurrentHashMap<>();
  private final Map<String, Instant> fullReads = new ConcurrentHashMap<>();
  private final Set<String> statusSeen = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<String, AlarmState>> pushedStates = new ConcurrentHashMap<>();

  /** The key of a ModelAudit: "namespace/name". */
  public static String key(HasMetadata resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  /** Keeps the alarm listing of a region of the operator's own account. */
  public void put(AlarmSnapshot snapshot) {
    put(AwsTarget.own(snapshot.region()), snapshot);
  }

  /** Keeps the alarm listing of an account and region. */
  public void put(AwsTarget target, AlarmSnapshot snapshot) {
    alarms.put(target, snapshot);
  }

  /** Keeps the log group and filter listing of a region of the operator's own account. */
  public void put(LogGroupSnapshot snapshot) {
    put(AwsTarget.own(snapshot.region()), snapshot);
  }

  /** Keeps the log group and filter listing of an account and region. */
  public void put(AwsTarget target, LogGroupSnapshot snapshot) {
    logGroups.put(target, snapshot);
  }

  /** The latest alarm listing of a region of the operator's own account, if one was taken. */
  public Optional<AlarmSnapshot> alarms(String region) {
    return alarms(AwsTarget.own(region));
  }

  /** The latest alarm listing of the account and region, if one was taken. */
  public Optional<AlarmSnapshot> alarms(AwsTarget target) {
    return Optional.ofNullable(alarms.get(target));
  }

  /** The latest log group and filter listing of a region of the operator's own account. */
  public Optional<LogGroupSnapshot> logGroups(String region) {
    return logGroups(AwsTarget.own(region));
  }

  /** The latest log group and filter listing of the account and region, if one was taken. */
  public Optional<LogGroupSnapshot> logGroups(AwsTarget target) {
    return Optional.ofNullable(logGroups.get(target));
  }

  /**
   * Keeps an alarm state AWS pushed, unless a newer one of that alarm is kept already: events
   * arrive more than once and out of order. Kept per account and region (alarm names are unique
   * there), whichever of the account's roles received it.
   *
   * @return whether it is newer than what was kept
   */
  public boolean pushAlarmState(AwsTarget target, String alarmName, AlarmState state) {
    AlarmState now =
        pushedStates
            .computeIfAbsent(target.quotaKey(), r -> new ConcurrentHashMap<>())
            .merge(
                alarmName,
                state,
                (kept, arriving) -> arriving.isNewerThan(kept.updatedAt()) ? arriving : kept);
    return now == state;
  }

  /** The latest pushed state of the alarm, if any. */
  public Optional<AlarmState> pushedAlarmState(AwsTarget target, String alarmName) {
    Map<String, AlarmState> states = pushedStates.get(target.quotaKey());
    return states == null ? Optional.empty() : Optional.ofNullable(states.get(alarmName));
  }

  /**
   * Forgets the pushed states a listing taken after them supersedes, so that they do not pile up
   * for alarms that are gone.
   */
  public void forgetPushedStatesBefore(AwsTarget target, Instant takenAt) {
    Map<String, AlarmState> states = pushedStates.get(target.quotaKey());
    if (states != null) {
      states.values().removeIf(s -> s.updatedAt().isBefore(takenAt));
    }
  }

  /** Leaves a trigger for the next reconcile of the ModelAudit, merged with one still waiting. */
  public void addTrigger(String key, Trigger trigger) {
    triggers.merge(key, trigger, Trigger::merge);
  }

  /** The trigger waiting for this reconcile, removed so that the next one starts afresh. */
  public Optional<Trigger> takeTrigger(String key) {
    return Optional.ofNullable(triggers.remove(key));
  }

  /** Records that the ModelAudit was read from AWS in full as of this instant. */
  public void markFullRead(String key, Instant readAt) {
    fullReads.merge(key, readAt, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** When the ModelAudit was last read in full by this process; empty when not yet. */
  public Optional<Instant> lastFullRead(String key) {
    return Optional.ofNullable(fullReads.get(key));
  }

  /** Records that an inventory pass saw the ModelAudit with a status that says something. */
  public void markStatusSeen(String key) {
    statusSeen.add(key);
  }

  /**
   * Whether an inventory pass of this process saw the ModelAudit with a status that says something:
   * one without status that was never seen with one is new (or its first status is on its way), and
   * JOSDK reconciles it anyway.
   */
  public boolean statusSeen(String key) {
    return statusSeen.contains(key);
  }

  /** Forgets a ModelAudit that is gone. */
  public void forget(String key) {
    triggers.remove(key);
    fullReads.remove(key);
    statusSeen.remove(key);
  }

  /** Forgets every ModelAudit not in this set, so that deleted ones do not pile up. */
  public void retainOnly(Set<String> keys) {
    triggers.keySet().retainAll(keys);
    fullReads.keySet().retainAll(keys);
    statusSeen.retainAll(keys);
  }
}
