package io.modelaudit.operator.part.dataprotection;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.part.Change;

/** The writes the data protection part makes. */
public final class DataProtectionChanges {

  private DataProtectionChanges() {}

  /** Sets the log group's data protection policy (masking). */
  public record PutPolicy(String logGroup, String document, String why) implements Change {
    public Verb verb() {
      return why.startsWith("create") ? Verb.CREATE : Verb.UPDATE;
    }

    public String describe() {
      return why + " data protection policy of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putDataProtectionPolicy(logGroup, document);
    }
  }

  /** Removes the log group's data protection policy: new events are no longer masked. */
  public record DeletePolicy(String logGroup) implements Change.Delete {
    public String describe() {
      return "delete data protection policy of " + logGroup + " (new events are no longer masked)";
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteDataProtectionPolicy(logGroup);
    }
  }
}
