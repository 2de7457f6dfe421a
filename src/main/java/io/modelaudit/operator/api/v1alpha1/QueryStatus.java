package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A saved query (query definition) the operator made. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class QueryStatus {

  @JsonPropertyDescription("The query's name in the spec.")
  private String name;

  @JsonPropertyDescription(
      "The query definition's name in CloudWatch Logs Insights (its folder path in the console).")
  private String queryDefinitionName;

  @JsonPropertyDescription("The query definition's id, for aws logs describe-query-definitions.")
  private String id;
}
