package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Identity of the audited model; becomes the tags modelaudit.io/model and model-version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class ModelRef {

  @JsonPropertyDescription("Name of the audited model; tagged on the log group and alarms.")
  @Size(min = 1, max = SpecRules.MODEL_FIELD_MAX_LENGTH)
  private String name;

  @JsonPropertyDescription("Version of the audited model; tagged on the log group and alarms.")
  @Size(min = 1, max = SpecRules.MODEL_FIELD_MAX_LENGTH)
  private String version;
}
