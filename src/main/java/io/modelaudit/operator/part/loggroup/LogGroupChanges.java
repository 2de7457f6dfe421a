package io.modelaudit.operator.part.loggroup;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.part.Change;
import java.util.Map;
import java.util.Set;

/** The writes the log group part makes. */
public final class LogGroupChanges {

  private LogGroupChanges() {}

  /** Creates the log group. */
  public record CreateLogGroup(LogGroupConfig config, Map<String, String> tags)
      implements Change.Create {
    public String describe() {
      return "create log group " + config.name();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.createLogGroup(config, tags);
    }
  }

  /** Sets the retention of the log group. */
  public record PutRetention(String logGroup, int days, Integer was) implements Change.Update {
    public String describe() {
      return "set retention of " + logGroup + " to " + days + " days (was " + show(was) + ")";
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putRetentionPolicy(logGroup, days);
    }
  }

  /** Makes the log group's events never expire. */
  public record DeleteRetention(String logGroup, int was) implements Change.Update {
    public String describe() {
      return "remove retention of " + logGroup + " (was " + was + " days)";
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteRetentionPolicy(logGroup);
    }
  }

  /** Encrypts the log group with a KMS key. */
  public record AssociateKmsKey(String logGroup, String kmsKeyArn) implements Change.Update {
    public String describe() {
      return "associate KMS key " + kmsKeyArn + " with " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.associateKmsKey(logGroup, kmsKeyArn);
    }
  }

  /** Removes the log group's KMS key. */
  public record DisassociateKmsKey(String logGroup) implements Change.Update {
    public String describe() {
      return "disassociate the KMS key of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.disassociateKmsKey(logGroup);
    }
  }

  /** Turns the log group's deletion protection on or off. */
  public record PutDeletionProtection(String logGroup, boolean enabled) implements Change.Update {
    public String describe() {
      return "turn deletion protection of " + logGroup + (enabled ? " on" : " off");
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putDeletionProtection(logGroup, enabled);
    }
  }

  /** Adds or overwrites tags of the log group. */
  public record TagLogGroup(String logGroup, String arn, Map<String, String> tags)
      implements Change.Update {
    public String describe() {
      return "tag log group " + logGroup + " with " + tags.keySet();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.tagLogGroup(arn, tags);
    }
  }

  /** Removes tags of the log group. */
  public record UntagLogGroup(String logGroup, String arn, Set<String> keys)
      implements Change.Update {
    public String describe() {
      return "untag log group " + logGroup + ": " + keys;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.untagLogGroup(arn, keys);
    }
  }

  /** Deletes the log group and every event in it. */
  public record DeleteLogGroup(String logGroup) implements Change.Delete {
    public String describe() {
      return "delete log group " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteLogGroup(logGroup);
    }
  }

  private static String show(Integer days) {
    return days == null ? "never expire" : days + " days";
  }
}
