package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator last observed and did; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = LenientJson.StatusDeserializer.class)
public class ModelAuditStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready, Reconciling and Stalled conditions (kstatus). Stalled means a person must act; its"
          + " message says what to change.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("AWS region the resources live in.")
  private String region;

  @JsonPropertyDescription("The log group as last observed.")
  private LogGroupStatus logGroup;

  @JsonPropertyDescription("Log streams that exist.")
  private List<String> logStreams;

  @JsonPropertyDescription("Metric filters that exist and the metric each publishes.")
  private List<MetricFilterStatus> metricFilters;

  @JsonPropertyDescription("Alarms that exist, with their state.")
  private List<AlarmStatus> alarms;

  @JsonPropertyDescription(
      "The CloudWatch metrics this ModelAudit holds in status.region, as last made in AWS: those"
          + " its metric filters publish and those its alarms watch. No other ModelAudit may"
          + " publish or watch them, so no other tenant's events move these alarms.")
  private List<MetricClaimStatus> metrics;

  @JsonPropertyDescription("Worst state of the alarms: ALARM > INSUFFICIENT_DATA > OK.")
  private String alarmState;

  @JsonPropertyDescription("When AWS last matched the spec (RFC 3339).")
  private String lastSyncedAt;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public LogGroupStatus getLogGroup() {
    return logGroup;
  }

  public void setLogGroup(LogGroupStatus logGroup) {
    this.logGroup = logGroup;
  }

  public List<String> getLogStreams() {
    return logStreams;
  }

  public void setLogStreams(List<String> logStreams) {
    this.logStreams = logStreams;
  }

  public List<MetricFilterStatus> getMetricFilters() {
    return metricFilters;
  }

  public void setMetricFilters(List<MetricFilterStatus> metricFilters) {
    this.metricFilters = metricFilters;
  }

  public List<AlarmStatus> getAlarms() {
    return alarms;
  }

  public void setAlarms(List<AlarmStatus> alarms) {
    this.alarms = alarms;
  }

  public List<MetricClaimStatus> getMetrics() {
    return metrics;
  }

  public void setMetrics(List<MetricClaimStatus> metrics) {
    this.metrics = metrics;
  }

  public String getAlarmState() {
    return alarmState;
  }

  public void setAlarmState(String alarmState) {
    this.alarmState = alarmState;
  }

  public String getLastSyncedAt() {
    return lastSyncedAt;
  }

  public void setLastSyncedAt(String lastSyncedAt) {
    this.lastSyncedAt = lastSyncedAt;
  }

  /** A shallow copy: a status of its own that shares this one's entries. */
  public ModelAuditStatus copy() {
    ModelAuditStatus copy = new ModelAuditStatus();
    copy.observedGeneration = observedGeneration;
    copy.conditions = conditions;
    copy.region = region;
    copy.logGroup = logGroup;
    copy.logStreams = logStreams;
    copy.metricFilters = metricFilters;
    copy.alarms = alarms;
    copy.metrics = metrics;
    copy.alarmState = alarmState;
    copy.lastSyncedAt = lastSyncedAt;
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ModelAuditStatus other)) {
      return false;
    }
    return java.util.Objects.equals(observedGeneration, other.observedGeneration)
        && java.util.Objects.equals(conditions, other.conditions)
        && java.util.Objects.equals(region, other.region)
        && java.util.Objects.equals(logGroup, other.logGroup)
        && java.util.Objects.equals(logStreams, other.logStreams)
        && java.util.Objects.equals(metricFilters, other.metricFilters)
        && java.util.Objects.equals(alarms, other.alarms)
        && java.util.Objects.equals(metrics, other.metrics)
        && java.util.Objects.equals(alarmState, other.alarmState)
        && java.util.Objects.equals(lastSyncedAt, other.lastSyncedAt);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        observedGeneration,
        conditions,
        region,
        logGroup,
        logStreams,
        metricFilters,
        alarms,
        metrics,
        alarmState,
        lastSyncedAt);
  }

  @Override
  public String toString() {
    return "ModelAuditStatus{"
        + "observedGeneration="
        + observedGeneration
        + ", "
        + "conditions="
        + conditions
        + ", "
        + "region="
        + region
        + ", "
        + "logGroup="
        + logGroup
        + ", "
        + "logStreams="
        + logStreams
        + ", "
        + "metricFilters="
        + metricFilters
        + ", "
        + "alarms="
        + alarms
        + ", "
        + "metrics="
        + metrics
        + ", "
        + "alarmState="
        + alarmState
        + ", "
        + "lastSyncedAt="
        + lastSyncedAt
        + "}";
  }
}
