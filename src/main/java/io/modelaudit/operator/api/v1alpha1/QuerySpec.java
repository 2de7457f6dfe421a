package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A saved CloudWatch Logs Insights query on the model's log group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class QuerySpec {

  @JsonPropertyDescription(
      "Name of the query, unique in this ModelAudit (presets included): 1-"
          + SpecRules.QUERY_NAME_MAX_LENGTH
          + " of letters, digits, . _ -, starting with a letter or digit. The saved query is named"
          + " <prefix>/<namespace>/<name>/<this>.")
  @Required
  @Size(min = 1, max = SpecRules.QUERY_NAME_MAX_LENGTH)
  @Pattern(SpecRules.QUERY_NAME_PATTERN)
  private String name;

  @JsonPropertyDescription(
      "The Logs Insights query, at most " + SpecRules.QUERY_STRING_MAX_LENGTH + " characters.")
  @Required
  @Size(min = 1, max = SpecRules.QUERY_STRING_MAX_LENGTH)
  private String query;
}
