package io.modelaudit.operator.plan;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One mutating call the operator must make, with the reason it is needed. */
public sealed interface Change {

  /** What kind of write this is, for events and metrics. */
  enum Verb {
    CREATE,
    UPDATE,
    DELETE
  }

  Verb verb();

  /** One line for logs and events: what is written and why. */
  String describe();

  /** Makes the call. */
  void applyTo(CloudWatchGateway gateway);

  /** Creates the log group. */
  record CreateLogGroup(LogGroupConfig config, Map<String, String> tags) implements Change {
    public Verb verb() {
      return Verb.CREATE;
    }

    public String describe() {
      return "create log group " + config.name();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.createLogGroup(config, tags);
    }
  }

  /** Sets the retention of the log group. */
  record PutRetention(String logGroup, int days, Integer was) implements Change {
    public Verb verb() {
      return Verb.UPDATE;
    }

    public String describe() {
      return "set retention of " + logGroup + " to " + days + " days (was " + show(was) + ")";
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putRetentionPolicy(logGroup, days);
    }
  }

  /** Makes the log group's events never expire. */
  record DeleteRetention(String logGroup, int was) implements Change {
    public Verb verb() {
      return Verb.UPDATE;
    }

    public String describe() {
      return "remove retention of " + logGroup + " (was " + was + " days)";
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteRetentionPolicy(logGroup);
    }
  }

  /** Encrypts the log group with a KMS key. */
  record AssociateKmsKey(String logGroup, String kmsKeyArn) implements Change {
    public Verb verb() {
      return Verb.UPDATE;
    }

    public String describe() {
      return "associate KMS key " + kmsKeyArn + " with " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.associateKmsKey(logGroup, kmsKeyArn);
    }
  }

  /** Removes the log group's KMS key. */
  record DisassociateKmsKey(String logGroup) implements Change {
    public Verb verb() {
      return Verb.UPDATE;
    }

    public String describe() {
      return "disassociate the KMS key of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.disassociateKmsKey(logGroup);
    }
  }

  /** Turns the log group's deletion protection on or off. */
  record PutDeletionProtection(String logGroup, boolean enabled) implements Change {
    public Verb verb() {
      return Verb.UPDATE;
    }

    public String describe() {
      return "turn deletion protection of " + logGroup + (enabled ? " on" : " off");
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putDeletionProtection(logGroup, enabled);
    }
  }

  /** Adds or overwrites tags of the log group. */
  record TagLogGroup(String logGroup, String arn, Map<String, String> tags) implements Change {
    public Verb verb() {
      return Verb.UPDATE;
    }

    public String describe() {
      return "tag log group " + logGroup + " with " + tags.keySet();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.tagLogGroup(arn, tags);
    }
  }

  /** Removes tags of the log group. */
  record UntagLogGroup(String logGroup, String arn, Set<String> keys) implements Change {
    public Verb verb() {
      return Verb.UPDATE;
    }

    public String describe() {
      return "untag log group " + logGroup + ": " + keys;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.untagLogGroup(arn, keys);
    }
  }

  /** Deletes the log group and every event in it. */
  record DeleteLogGroup(String logGroup) implements Change {
    public Verb verb() {
      return Verb.DELETE;
    }

    public String describe() {
      return "delete log group " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteLogGroup(logGroup);
    }
  }

  /** Creates a log stream. */
  record CreateLogStream(String logGroup, String stream) implements Change {
    public Verb verb() {
      return Verb.CREATE;
    }

    public String describe() {
      return "create log stream " + stream + " in " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.createLogStream(logGroup, stream);
    }
  }

  /** Deletes a log stream and its events. */
  record DeleteLogStream(String logGroup, String stream) implements Change {
    public Verb verb() {
      return Verb.DELETE;
    }

    public String describe() {
      return "delete log stream " + stream + " of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteLogStream(logGroup, stream);
    }
  }

  /** Creates or replaces a metric filter. */
  record PutMetricFilter(MetricFilterConfig filter, boolean exists) implements Change {
    public Verb verb() {
      return exists ? Verb.UPDATE : Verb.CREATE;
    }

    public String describe() {
      return (exists ? "update" : "create")
          + " metric filter "
          + filter.filterName()
          + " on "
          + filter.logGroupName();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putMetricFilter(filter);
    }
  }

  /** Deletes a metric filter. */
  record DeleteMetricFilter(String logGroup, String filterName) implements Change {
    public Verb verb() {
      return Verb.DELETE;
    }

    public String describe() {
      return "delete metric filter " + filterName + " of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteMetricFilter(logGroup, filterName);
    }
  }

  /** Creates (with tags) or replaces a metric alarm. */
  record PutMetricAlarm(AlarmConfig alarm, Map<String, String> tagsOnCreate, boolean exists)
      implements Change {
    public Verb verb() {
      return exists ? Verb.UPDATE : Verb.CREATE;
    }

    public String describe() {
      return (exists ? "update" : "create") + " alarm " + alarm.alarmName();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putMetricAlarm(alarm, exists ? Map.of() : tagsOnCreate);
    }
  }

  /** Adds or overwrites tags of an alarm. */
  record TagAlarm(String alarmName, String arn, Map<String, String> tags) implements Change {
    public Verb verb() {
      return Verb.UPDATE;
    }

    public String describe() {
      return "tag alarm " + alarmName + " with " + tags.keySet();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.tagAlarm(arn, tags);
    }
  }

  /** Removes tags of an alarm. */
  record UntagAlarm(String alarmName, String arn, Set<String> keys) implements Change {
    public Verb verb() {
      return Verb.UPDATE;
    }

    public String describe() {
      return "untag alarm " + alarmName + ": " + keys;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.untagAlarm(arn, keys);
    }
  }

  /** Deletes alarms. */
  record DeleteAlarms(List<String> alarmNames) implements Change {
    public Verb verb() {
      return Verb.DELETE;
    }

    public String describe() {
      return "delete alarms " + alarmNames;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteAlarms(alarmNames);
    }
  }

  private static String show(Integer days) {
    return days == null ? "never expire" : days + " days";
  }
}
