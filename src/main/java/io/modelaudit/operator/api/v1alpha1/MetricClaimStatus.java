package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A CloudWatch metric a ModelAudit holds: one its filters publish or one its alarms watch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class MetricClaimStatus {

  /** The metric is published by a metric filter of this ModelAudit. */
  public static final String PUBLISH = "Publish";

  /** The metric is watched by an alarm's metric and published by no filter of this ModelAudit. */
  public static final String WATCH = "Watch";

  @JsonPropertyDescription("Metric namespace.")
  private String namespace;

  @JsonPropertyDescription("Metric name.")
  private String name;

  @JsonPropertyDescription(
      "Names of the metric's dimensions, sorted; empty for a metric without dimensions. A"
          + " filter's dimension values come from the events, so the claim covers every value.")
  private List<String> dimensionNames;

  @JsonPropertyDescription(
      "Publish: a metric filter of this ModelAudit publishes the metric. Watch: an alarm's metric"
          + " names it and no filter of this ModelAudit publishes it.")
  private String use;
}
