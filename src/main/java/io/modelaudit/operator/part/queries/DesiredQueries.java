package io.modelaudit.operator.part.queries;

import io.modelaudit.operator.cloudwatch.QueryDefinition;
import java.util.List;

/**
 * The saved queries the spec asks for.
 *
 * @param listPrefix the name prefix that finds every saved query of this ModelAudit
 * @param queries each query by its name in the spec, with the definition the operator writes
 */
public record DesiredQueries(String listPrefix, List<Query> queries) {

  public DesiredQueries {
    queries = List.copyOf(queries);
  }

  /** One saved query: its name in the spec and its definition (without an id). */
  public record Query(String specName, QueryDefinition definition) {}
}
