package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An observed metric filter and the metric it publishes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricFilterStatus {

  @JsonPropertyDescription("Filter name.")
  private String name;

  @JsonPropertyDescription("Namespace of the published metric.")
  private String metricNamespace;

  @JsonPropertyDescription("Name of the published metric.")
  private String metricName;

  public MetricFilterStatus() {}

  public MetricFilterStatus(String name, String metricNamespace, String metricName) {
    this.name = name;
    this.metricNamespace = metricNamespace;
    this.metricName = metricName;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getMetricNamespace() {
    return metricNamespace;
  }

  public void setMetricNamespace(String metricNamespace) {
    this.metricNamespace = metricNamespace;
  }

  public String getMetricName() {
    return metricName;
  }

  public void setMetricName(String metricName) {
    this.metricName = metricName;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MetricFilterStatus other)) {
      return false;
    }
    return java.util.Objects.equals(name, other.name)
        && java.util.Objects.equals(metricNamespace, other.metricNamespace)
        && java.util.Objects.equals(metricName, other.metricName);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, metricNamespace, metricName);
  }

  @Override
  public String toString() {
    return "MetricFilterStatus{"
        + "name="
        + name
        + ", "
        + "metricNamespace="
        + metricNamespace
        + ", "
        + "metricName="
        + metricName
        + "}";
  }
}
