package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A metric filter that turns matching log events into a CloudWatch metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MetricFilterSpec {

  @JsonPropertyDescription(
      "Name of the filter, unique in this ModelAudit; also the filter's name in AWS. 1-512"
          + " characters without ':' or '*'.")
  @Required
  @Size(min = 1, max = 512)
  @Pattern("^[^:*]+$")
  private String name;

  @JsonPropertyDescription(
      "CloudWatch Logs filter pattern, at most 1024 characters, e.g. '{ $.level = \"ERROR\" }'."
          + " Empty matches every event.")
  @Required
  @Size(max = 1024)
  private String pattern;

  @JsonPropertyDescription(
      "The metric the filter publishes. Two ModelAudits may not publish the same metric"
          + " (namespace, name and dimension names, in one region): the first to claim it keeps"
          + " it and the other is Stalled/MetricConflict.")
  @Required
  private MetricTransformationSpec metric;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getPattern() {
    return pattern;
  }

  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public MetricTransformationSpec getMetric() {
    return metric;
  }

  public void setMetric(MetricTransformationSpec metric) {
    this.metric = metric;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MetricFilterSpec other)) {
      return false;
    }
    return java.util.Objects.equals(name, other.name)
        && java.util.Objects.equals(pattern, other.pattern)
        && java.util.Objects.equals(metric, other.metric);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, pattern, metric);
  }

  @Override
  public String toString() {
    return "MetricFilterSpec{"
        + "name="
        + name
        + ", "
        + "pattern="
        + pattern
        + ", "
        + "metric="
        + metric
        + "}";
  }
}
