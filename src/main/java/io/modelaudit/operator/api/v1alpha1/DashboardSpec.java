package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * The model's CloudWatch dashboard, generated from the spec: the health and alarm states, a graph
 * per metric and per alarm, and the log group's recent errors.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class DashboardSpec {

  @JsonPropertyDescription(
      "Whether the operator keeps a dashboard for this model. Default true. Without"
          + " spec.dashboard, there is a dashboard when spec.presets is set.")
  private Boolean enabled;
}
