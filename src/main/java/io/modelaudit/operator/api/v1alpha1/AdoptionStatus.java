package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/**
 * What an adopted log group held before this ModelAudit adopted it (spec.adoptExisting): the
 * operator never removes any of it, under any deletion policy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdoptionStatus {

  @JsonPropertyDescription("The adopted log group.")
  private String logGroup;

  @JsonPropertyDescription(
      "Tag keys the log group had; the operator neither removes nor changes them unless spec.tags"
          + " sets the same key.")
  private List<String> tagKeys;

  @JsonPropertyDescription("Log streams that existed; never deleted by the operator.")
  private List<String> logStreams;

  @JsonPropertyDescription("Metric filters that existed; never deleted by the operator.")
  private List<String> metricFilters;

  public AdoptionStatus() {}

  public AdoptionStatus(String logGroup, List<String> tagKeys) {
    this.logGroup = logGroup;
    this.tagKeys = tagKeys;
  }

  public String getLogGroup() {
    return logGroup;
  }

  public void setLogGroup(String logGroup) {
    this.logGroup = logGroup;
  }

  public List<String> getTagKeys() {
    return tagKeys;
  }

  public void setTagKeys(List<String> tagKeys) {
    this.tagKeys = tagKeys;
  }

  public List<String> getLogStreams() {
    return logStreams;
  }

  public void setLogStreams(List<String> logStreams) {
    this.logStreams = logStreams;
  }

  public List<String> getMetricFilters() {
    return metricFilters;
  }

  public void setMetricFilters(List<String> metricFilters) {
    this.metricFilters = metricFilters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdoptionStatus other
        && Objects.equals(logGroup, other.logGroup)
        && Objects.equals(tagKeys, other.tagKeys)
        && Objects.equals(logStreams, other.logStreams)
        && Objects.equals(metricFilters, other.metricFilters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(logGroup, tagKeys, logStreams, metricFilters);
  }

  @Override
  public String toString() {
    return "AdoptionStatus{logGroup="
        + logGroup
        + ", tagKeys="
        + tagKeys
        + ", logStreams="
        + logStreams
        + ", metricFilters="
        + metricFilters
        + "}";
  }
}
