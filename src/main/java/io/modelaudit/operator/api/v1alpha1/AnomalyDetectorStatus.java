package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * An anomaly detection model the operator manages for an alarm's band. Models carry no tags and no
 * name, so this record is how the operator knows which ones are its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class AnomalyDetectorStatus {

  @JsonPropertyDescription("The alarm (its name in the spec) whose band the model draws.")
  private String alarm;

  @JsonPropertyDescription("Namespace of the modelled metric.")
  private String metricNamespace;

  @JsonPropertyDescription("Name of the modelled metric.")
  private String metricName;

  @JsonPropertyDescription("Dimensions of the modelled metric.")
  private Map<String, String> dimensions;

  @JsonPropertyDescription("Statistic of the modelled metric.")
  private String stat;

  @JsonPropertyDescription(
      "created: the operator made the model and deletes it; adopted: it existed before"
          + " (spec.adoptExisting) and is never deleted.")
  private String origin;

  @JsonPropertyDescription("PENDING_TRAINING, TRAINED_INSUFFICIENT_DATA or TRAINED.")
  private String state;
}
