package io.modelaudit.operator.fake;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.fake.CloudWatchStore.Alarm;
import io.modelaudit.operator.fake.CloudWatchStore.LogGroup;
import io.modelaudit.operator.fake.CloudWatchStore.RegionState;
import java.util.Map;
import java.util.Objects;

/**
 * Someone changing CloudWatch behind the operator's back: a person in the console, another tool,
 * CloudWatch evaluating an alarm. The edits go straight to the store, so no port call is made,
 * counted or failed; a missing resource is the test's mistake (IllegalStateException).
 */
public final class OutOfBand {

  private final CloudWatchStore store;

  public OutOfBand(CloudWatchStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Creates a log group as someone else would have, with every attribute of the config. */
  public void seedLogGroup(String region, LogGroupConfig config, Map<String, String> tags) {
    store.locked(
        () -> {
          RegionState state = store.state(region);
          if (state.groups.containsKey(config.name())) {
            throw new IllegalStateException("log group already exists: " + config.name());
          }
          LogGroup group =
              new LogGroup(
                  config.name(),
                  CloudWatchStore.logGroupArn(region, config.name()),
                  config.logGroupClass() == null ? "STANDARD" : config.logGroupClass());
          group.retentionInDays = config.retentionInDays();
          group.kmsKeyArn = config.kmsKeyArn();
          group.deletionProtection = config.deletionProtection();
          CloudWatchStore.putAll(group.tags, tags);
          state.groups.put(group.name, group);
        });
  }

  /** Creates or replaces an alarm as someone else would have; a new alarm gets these tags. */
  public void seedAlarm(String region, AlarmConfig config, Map<String, String> tags) {
    store.locked(
        () -> {
          RegionState state = store.state(region);
          Alarm alarm = state.alarms.get(config.alarmName());
          if (alarm == null) {
            alarm = store.newAlarm(region, config);
            CloudWatchStore.putAll(alarm.tags, tags);
            state.alarms.put(config.alarmName(), alarm);
          } else {
            alarm.config = config;
          }
        });
  }

  /** Moves an alarm to a state, as CloudWatch does when it evaluates the metric. */
  public void setAlarmState(String region, String alarmName, String state, String reason) {
    if (!CloudWatchStore.ALARM_STATES.contains(state)) {
      throw new IllegalArgumentException("unknown alarm state: " + state);
    }
    store.locked(
        () -> {
          Alarm alarm = existingAlarm(region, alarmName);
          alarm.state = state;
          alarm.stateReason = reason;
          alarm.stateUpdatedAt = store.now();
        });
  }

  public void deleteAlarm(String region, String alarmName) {
    store.locked(
        () -> {
          existingAlarm(region, alarmName);
          store.state(region).alarms.remove(alarmName);
        });
  }

  public void deleteLogGroup(String region, String logGroupName) {
    store.locked(
        () -> {
          existingGroup(region, logGroupName);
          store.state(region).groups.remove(logGroupName);
        });
  }

  /** Sets the retention of a log group; null means never expire. */
  public void setRetention(String region, String logGroupName, Integer retentionInDays) {
    store.locked(() -> existingGroup(region, logGroupName).retentionInDays = retentionInDays);
  }

  public void deleteLogStream(String region, String logGroupName, String streamName) {
    store.locked(
        () -> {
          if (!existingGroup(region, logGroupName).streams.remove(streamName)) {
            throw new IllegalStateException("no log stream " + streamName + " in " + logGroupName);
          }
        });
  }

  public void deleteMetricFilter(String region, String logGroupName, String filterName) {
    store.locked(
        () -> {
          if (existingGroup(region, logGroupName).filters.remove(filterName) == null) {
            throw new IllegalStateException(
                "no metric filter " + filterName + " in " + logGroupName);
          }
        });
  }

  /** Replaces a metric filter's definition (the filter's group must exist). */
  public void putMetricFilter(String region, MetricFilterConfig filter) {
    store.locked(
        () -> {
          existingGroup(region, filter.logGroupName()).filters.put(filter.filterName(), filter);
        });
  }

  /** Adds or overwrites one tag on the log group or alarm with this ARN. */
  public void putTag(String arn, String key, String value) {
    store.locked(() -> taggedResource(arn).put(key, value));
  }

  /** Removes one tag from the log group or alarm with this ARN. */
  public void removeTag(String arn, String key) {
    store.locked(() -> taggedResource(arn).remove(key));
  }

  // ---- under the store's lock ----

  private LogGroup existingGroup(String region, String logGroupName) {
    LogGroup group = store.state(region).groups.get(logGroupName);
    if (group == null) {
      throw new IllegalStateException("no log group " + logGroupName + " in " + region);
    }
    return group;
  }

  private Alarm existingAlarm(String region, String alarmName) {
    Alarm alarm = store.state(region).alarms.get(alarmName);
    if (alarm == null) {
      throw new IllegalStateException("no alarm " + alarmName + " in " + region);
    }
    return alarm;
  }

  private Map<String, String> taggedResource(String arn) {
    for (RegionState state : store.states()) {
      for (LogGroup group : state.groups.values()) {
        if (group.arn.equals(arn)) {
          return group.tags;
        }
      }
      for (Alarm alarm : state.alarms.values()) {
        if (alarm.arn.equals(arn)) {
          return alarm.tags;
        }
      }
    }
    throw new IllegalStateException("no log group or alarm with ARN " + arn);
  }

  public void deleteDashboard(String name) {
    store.locked(
        () -> {
          if (store.dashboards().remove(name) == null) {
            throw new IllegalStateException("no dashboard " + name);
          }
        });
  }

  public void putDashboardBody(String name, String body) {
    store.locked(
        () -> {
          CloudWatchStore.Dashboard dashboard = store.dashboards().get(name);
          if (dashboard == null) {
            throw new IllegalStateException("no dashboard " + name);
          }
          dashboard.body = body;
        });
  }

  public void deleteCompositeAlarm(String region, String alarmName) {
    store.locked(
        () -> {
          if (store.state(region).composites.remove(alarmName) == null) {
            throw new IllegalStateException("no composite alarm " + alarmName);
          }
        });
  }

  /**
   * Makes an archive destination exist (a Firehose or Kinesis stream, a Lambda function, a
   * CloudWatch Logs destination, or an S3 bucket as arn:aws:s3:::name), as its owner would.
   */
  public void createDestination(String region, String arn) {
    store.locked(() -> store.state(region).destinations.add(arn));
  }

  /** Sets a log group's data protection policy as someone else would, without AWS's checks. */
  public void putDataProtectionPolicy(String region, String logGroupName, String document) {
    store.locked(() -> existingGroup(region, logGroupName).dataProtectionPolicy = document);
  }

  /** Sets or removes (null) a log group's field index policy as someone else would. */
  public void putIndexPolicy(String region, String logGroupName, String document) {
    store.locked(() -> existingGroup(region, logGroupName).indexPolicy = document);
  }

  /** Adds or replaces a subscription filter as someone else would, without AWS's checks. */
  public void putSubscriptionFilter(
      String region, io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig filter) {
    store.locked(
        () ->
            existingGroup(region, filter.logGroupName())
                .subscriptions
                .put(filter.filterName(), filter));
  }

  /** Removes a subscription filter as someone else would. */
  public void deleteSubscriptionFilter(String region, String logGroupName, String filterName) {
    store.locked(() -> existingGroup(region, logGroupName).subscriptions.remove(filterName));
  }

  /** Saves or replaces a query definition as someone else would; returns its id. */
  public String putQueryDefinition(
      String region, io.modelaudit.operator.cloudwatch.QueryDefinition definition) {
    return store.locked(
        () -> {
          String id =
              definition.id() == null ? java.util.UUID.randomUUID().toString() : definition.id();
          store.state(region).queryDefinitions.put(id, definition.withId(id));
          return id;
        });
  }

  /** Deletes a query definition as someone else would. */
  public void deleteQueryDefinition(String region, String id) {
    store.locked(() -> store.state(region).queryDefinitions.remove(id));
  }
}
