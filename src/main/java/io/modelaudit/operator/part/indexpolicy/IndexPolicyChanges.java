package io.modelaudit.operator.part.indexpolicy;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.part.Change;

/** The writes the index policy part makes. */
public final class IndexPolicyChanges {

  private IndexPolicyChanges() {}

  /** Sets the log group's field index policy. */
  public record PutIndexPolicy(String logGroup, String document, String why) implements Change {
    public Verb verb() {
      return why.startsWith("create") ? Verb.CREATE : Verb.UPDATE;
    }

    public String describe() {
      return why + " field index policy of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putIndexPolicy(logGroup, document);
    }
  }

  /** Removes the log group's field index policy. */
  public record DeleteIndexPolicy(String logGroup) implements Change.Delete {
    public String describe() {
      return "delete field index policy of " + logGroup;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteIndexPolicy(logGroup);
    }
  }
}
