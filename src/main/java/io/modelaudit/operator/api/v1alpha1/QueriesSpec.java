package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.Data;

/** Saved Logs Insights queries for auditors: built-in presets and the team's own. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class QueriesSpec {

  @JsonPropertyDescription(
      "Built-in queries on the AI audit event schema, by name: conversation (every event of one"
          + " conversation), recent-errors, token-usage-by-model, refusals.")
  @Size(max = 10)
  @ValidationRule(
      value = "self.all(p, self.exists_one(q, q == p))",
      message = "presets must be unique")
  private List<@Size(max = SpecRules.QUERY_NAME_MAX_LENGTH) String> presets;

  @JsonPropertyDescription("The team's own queries.")
  @Size(max = SpecRules.QUERIES_MAX_ITEMS)
  @ValidationRule(
      value = "self.all(q, self.exists_one(r, r.name == q.name))",
      message = "query names must be unique")
  private List<QuerySpec> custom;
}
