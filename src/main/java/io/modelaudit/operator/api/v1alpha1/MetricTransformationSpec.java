package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import lombok.Data;

/** The metric a metric filter publishes for each matching event. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.dimensions) || size(self.dimensions) == 0 || !has(self.defaultValue)",
    message = "a metric with dimensions cannot have a defaultValue")
@Data
public class MetricTransformationSpec {

  @JsonPropertyDescription(
      "Metric namespace, 1-"
          + SpecRules.METRIC_NAME_MAX_LENGTH
          + " characters without ':', '*' or '$'.")
  @Required
  @Size(min = 1, max = SpecRules.METRIC_NAME_MAX_LENGTH)
  @Pattern(SpecRules.FILTER_METRIC_PATTERN)
  private String namespace;

  @JsonPropertyDescription(
      "Metric name, 1-" + SpecRules.METRIC_NAME_MAX_LENGTH + " characters without ':', '*' or '$'.")
  @Required
  @Size(min = 1, max = SpecRules.METRIC_NAME_MAX_LENGTH)
  @Pattern(SpecRules.FILTER_METRIC_PATTERN)
  private String name;

  @JsonPropertyDescription(
      "Value published for each match: a number such as \"1\", or a field of the matched event:"
          + " \"$.latency\" for JSON events, \"$latency\" for space-delimited ones.")
  @Required
  @Size(min = 1, max = SpecRules.METRIC_VALUE_MAX_LENGTH)
  private String value;

  @JsonPropertyDescription(
      "Value published when no event matches in a period. Absent: nothing is published.")
  private Double defaultValue;

  @JsonPropertyDescription("Unit of the metric, one of CloudWatch's standard units.")
  @SchemaFrom(type = MetricUnit.class)
  private String unit;

  @JsonPropertyDescription(
      "Up to "
          + SpecRules.FILTER_DIMENSIONS_MAX
          + " dimensions: dimension name to a field of the matched event ($.model for JSON events,"
          + " $model for space-delimited ones). Not with defaultValue.")
  @Size(max = SpecRules.FILTER_DIMENSIONS_MAX)
  private Map<String, String> dimensions;
}
