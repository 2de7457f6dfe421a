package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;
import lombok.Data;

/** A CloudWatch metric an alarm watches directly. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class AlarmMetricSpec {

  @JsonPropertyDescription(
      "Metric namespace, 1-" + SpecRules.METRIC_NAME_MAX_LENGTH + " characters without ':'.")
  @Required
  @Size(min = 1, max = SpecRules.METRIC_NAME_MAX_LENGTH)
  @Pattern(SpecRules.ALARM_NAMESPACE_PATTERN)
  private String namespace;

  @JsonPropertyDescription("Metric name, 1-" + SpecRules.METRIC_NAME_MAX_LENGTH + " characters.")
  @Required
  @Size(min = 1, max = SpecRules.METRIC_NAME_MAX_LENGTH)
  private String name;

  @JsonPropertyDescription(
      "Metric dimensions, name to value; at most " + SpecRules.ALARM_DIMENSIONS_MAX + ".")
  @Size(max = SpecRules.ALARM_DIMENSIONS_MAX)
  private Map<String, String> dimensions;
}
