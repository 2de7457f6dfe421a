package io.modelaudit.operator.inventory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.part.AlarmSnapshot;
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

  /** Forgets a ModelAudit that is gone. */
  public void forget(String key) {
    triggers.remove(key);
    fullReads.remove(key);
  }

  /** Forgets every ModelAudit not in this set, so that deleted ones do not pile up. */
  public void retainOnly(Set<String> keys) {
    triggers.keySet().retainAll(keys);
    fullReads.keySet().retainAll(keys);
  }
}
