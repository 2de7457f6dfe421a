package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** A CloudWatch metric a ModelAudit holds: one its filters publish or one its alarms watch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
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

  public MetricClaimStatus() {}

  public MetricClaimStatus(String namespace, String name, List<String> dimensionNames, String use) {
    this.namespace = namespace;
    this.name = name;
    this.dimensionNames = dimensionNames;
    this.use = use;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getDimensionNames() {
    return dimensionNames;
  }

  public void setDimensionNames(List<String> dimensionNames) {
    this.dimensionNames = dimensionNames;
  }

  public String getUse() {
    return use;
  }

  public void setUse(String use) {
    this.use = use;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MetricClaimStatus other)) {
      return false;
    }
    return Objects.equals(namespace, other.namespace)
        && Objects.equals(name, other.name)
        && Objects.equals(dimensionNames, other.dimensionNames)
        && Objects.equals(use, other.use);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, name, dimensionNames, use);
  }

  @Override
  public String toString() {
    return "MetricClaimStatus{namespace="
        + namespace
        + ", name="
        + name
        + ", dimensionNames="
        + dimensionNames
        + ", use="
        + use
        + "}";
  }
}
