package io.modelaudit.operator.cloudwatch;

import java.util.List;

/**
 * A saved CloudWatch Logs Insights query (a query definition).
 *
 * @param id AWS's id of the definition; null for one not created yet
 * @param logGroupNames the log groups the query runs on
 */
public record QueryDefinition(
    String id, String name, String queryString, List<String> logGroupNames) {

  public QueryDefinition {
    logGroupNames = logGroupNames == null ? List.of() : List.copyOf(logGroupNames);
  }

  /** The same definition with AWS's id. */
  public QueryDefinition withId(String newId) {
    return new QueryDefinition(newId, name, queryString, logGroupNames);
  }
}
