package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** What the operator last observed and did; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = LenientJson.StatusDeserializer.class)
@Data
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

  @JsonPropertyDescription(
      "What the log group held before this ModelAudit adopted it (spec.adoptExisting); absent when"
          + " the operator created the log group. The operator never removes any of it.")
  private AdoptionStatus adoption;

  @JsonPropertyDescription("Log streams that exist.")
  private List<String> logStreams;

  @JsonPropertyDescription("Metric filters that exist and the metric each publishes.")
  private List<MetricFilterStatus> metricFilters;

  @JsonPropertyDescription("Alarms that exist, with their state.")
  private List<AlarmStatus> alarms;

  @JsonPropertyDescription(
      "The health alarm (spec.healthAlarm) that exists, with its state and the alarms it watches.")
  private HealthAlarmStatus healthAlarm;

  @JsonPropertyDescription(
      "Anomaly detection models the operator manages for alarms' bands (alarms with"
          + " anomalyDetector settings).")
  private List<AnomalyDetectorStatus> anomalyDetectors;

  @JsonPropertyDescription("The model's dashboard (spec.dashboard) that exists, with its link.")
  private DashboardStatus dashboard;

  @JsonPropertyDescription(
      "Masking of personal data: whether the log group has a data protection policy, and whose.")
  private DataProtectionStatus dataProtection;

  @JsonPropertyDescription("The archive's subscription filters that exist.")
  private List<ArchiveStatus> archive;

  @JsonPropertyDescription("Saved Logs Insights queries the operator made.")
  private List<QueryStatus> queries;

  @JsonPropertyDescription("The log group's field index policy.")
  private IndexPolicyStatus indexPolicy;

  @JsonPropertyDescription(
      "The CloudWatch metrics this ModelAudit holds in status.region, as last made in AWS: those"
          + " its metric filters publish and those its alarms watch. No other ModelAudit may"
          + " publish or watch them, so no other tenant's events move these alarms.")
  private List<MetricClaimStatus> metrics;

  @JsonPropertyDescription(
      "The model's headline state: the health alarm's when spec.healthAlarm is set, otherwise the"
          + " worst state of the alarms: ALARM > INSUFFICIENT_DATA > OK.")
  private String alarmState;

  @JsonPropertyDescription("When AWS last matched the spec (RFC 3339).")
  private String lastSyncedAt;

  /** A shallow copy: a status of its own that shares this one's entries. */
  public ModelAuditStatus copy() {
    ModelAuditStatus copy = new ModelAuditStatus();
    copy.observedGeneration = observedGeneration;
    copy.conditions = conditions;
    copy.region = region;
    copy.logGroup = logGroup;
    copy.adoption = adoption;
    copy.logStreams = logStreams;
    copy.metricFilters = metricFilters;
    copy.alarms = alarms;
    copy.healthAlarm = healthAlarm;
    copy.anomalyDetectors = anomalyDetectors;
    copy.dashboard = dashboard;
    copy.dataProtection = dataProtection;
    copy.archive = archive;
    copy.queries = queries;
    copy.indexPolicy = indexPolicy;
    copy.metrics = metrics;
    copy.alarmState = alarmState;
    copy.lastSyncedAt = lastSyncedAt;
    return copy;
  }
}
