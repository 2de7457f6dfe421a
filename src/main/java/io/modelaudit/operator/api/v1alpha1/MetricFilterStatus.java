package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** An observed metric filter and the metric it publishes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class MetricFilterStatus {

  @JsonPropertyDescription("Filter name.")
  private String name;

  @JsonPropertyDescription("Namespace of the published metric.")
  private String metricNamespace;

  @JsonPropertyDescription("Name of the published metric.")
  private String metricName;
}
