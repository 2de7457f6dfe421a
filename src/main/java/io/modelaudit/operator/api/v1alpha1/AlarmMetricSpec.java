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

  @JsonPropertyDescription("Metric namespace, 1-255 characters without ':'.")
  @Required
  @Size(min = 1, max = 255)
  @Pattern("^[^:]+$")
  private String namespace;

  @JsonPropertyDescription("Metric name, 1-255 characters.")
  @Required
  @Size(min = 1, max = 255)
  private String name;

  @JsonPropertyDescription("Metric dimensions, name to value; at most 30.")
  @Size(max = 30)
  private Map<String, String> dimensions;
}
