package io.modelaudit.operator.part.queries;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.QueryDefinition;
import io.modelaudit.operator.part.Change;

/** The writes the saved queries part makes. */
public final class QueryChanges {

  private QueryChanges() {}

  /** Creates a saved query (no id) or replaces every field of the one with this id. */
  public record PutQuery(QueryDefinition definition) implements Change {
    public Verb verb() {
      return definition.id() == null ? Verb.CREATE : Verb.UPDATE;
    }

    public String describe() {
      return (definition.id() == null ? "create" : "update") + " saved query " + definition.name();
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.putQueryDefinition(definition);
    }
  }

  /** Deletes a saved query. */
  public record DeleteQuery(String id, String name) implements Change.Delete {
    public String describe() {
      return "delete saved query " + name;
    }

    public void applyTo(CloudWatchGateway gateway) {
      gateway.deleteQueryDefinition(id);
    }
  }
}
