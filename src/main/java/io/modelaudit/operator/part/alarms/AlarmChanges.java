package io.modelaudit.operator.part.alarms;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.part.Change;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The writes the alarms part makes. */
public final class AlarmChanges {

  private AlarmChanges() {}

  /** Creates (with tags) or replaces a metric alarm. */
  public record PutMetricAlarm(AlarmConfig alarm, Map<String, String> tagsOnCreate, boolean exists)
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
  public record TagAlarm(String alarmName, String arn, Map<String, String> tags)
      implements Change.Update {
    public String describe() {
      return "tag alarm " + alarmName + " with " + tags.keySet();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.tagAlarm(arn, tags);
    }
  }

  /** Removes tags of an alarm. */
  public record UntagAlarm(String alarmName, String arn, Set<String> keys)
      implements Change.Update {
    public String describe() {
      return "untag alarm " + alarmName + ": " + keys;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.untagAlarm(arn, keys);
    }
  }

  /** Deletes alarms. */
  public record DeleteAlarms(List<String> alarmNames) implements Change.Delete {
    public String describe() {
      return "delete alarms " + alarmNames;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteAlarms(alarmNames);
    }
  }
}
