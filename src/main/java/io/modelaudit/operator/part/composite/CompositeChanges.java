package io.modelaudit.operator.part.composite;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CompositeAlarmConfig;
import io.modelaudit.operator.part.Change;
import java.util.List;
import java.util.Map;

/** The writes the health alarm part makes; its tags go through the alarm tag changes. */
public final class CompositeChanges {

  private CompositeChanges() {}

  /** Creates (with tags) or replaces the composite alarm. */
  public record PutCompositeAlarm(
      CompositeAlarmConfig alarm, Map<String, String> tagsOnCreate, boolean exists)
      implements Change {
    public Verb verb() {
      return exists ? Verb.UPDATE : Verb.CREATE;
    }

    public String describe() {
      return (exists ? "update" : "create") + " health alarm " + alarm.alarmName();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putCompositeAlarm(alarm, exists ? Map.of() : tagsOnCreate);
    }
  }

  /** Deletes a composite alarm: alone in its call, as AWS allows one composite per call. */
  public record DeleteCompositeAlarm(String alarmName) implements Change.Delete {
    public String describe() {
      return "delete health alarm " + alarmName;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteAlarms(List.of(alarmName));
    }
  }
}
