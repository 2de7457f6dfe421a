package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** Desired CloudWatch audit setup of one model. The operator never writes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = LenientJson.SpecDeserializer.class)
@ValidationRule(
    value = "!has(oldSelf.region) || has(self.region)",
    message = "spec.region is immutable: it cannot be removed once set")
@ValidationRule(
    value =
        "!has(self.logGroup) || !has(self.logGroup.class) || self.logGroup.class !="
            + " 'INFREQUENT_ACCESS' || !has(self.metricFilters) || size(self.metricFilters) == 0",
    message = "an INFREQUENT_ACCESS log group cannot carry metric filters")
@ValidationRule(
    value =
        "!has(self.alarms) || self.alarms.all(a, !has(a.metricFilter) || (has(self.metricFilters)"
            + " && self.metricFilters.exists(f, f.name == a.metricFilter)))",
    message = "an alarm's metricFilter must name a metric filter of this ModelAudit")
public class ModelAuditSpec {

  @JsonPropertyDescription(
      "AWS region of every resource, e.g. us-east-1. Immutable. Default: the operator's region.")
  @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")
  @Size(max = 32)
  @ValidationRule(value = "self == oldSelf", message = "spec.region is immutable")
  private String region;

  @JsonPropertyDescription("The audited model; its name and version become tags.")
  private ModelRef model;

  @JsonPropertyDescription("The log group that holds the model's events. Optional as a whole.")
  private LogGroupSpec logGroup;

  @JsonPropertyDescription(
      "Log streams to create in the log group. Default: [events]. A stream removed from this"
          + " list is deleted only under deletionPolicy Delete, since streams hold data.")
  @Size(max = 50)
  @ValidationRule(
      value = "self.all(s, size(s) >= 1 && size(s) <= 512 && !s.contains(':') && !s.contains('*'))",
      message = "each log stream name must be 1-512 characters without ':' or '*'")
  @ValidationRule(
      value = "self.all(s, self.exists_one(t, t == s))",
      message = "log stream names must be unique")
  private List<@Size(max = 512) String> logStreams;

  @JsonPropertyDescription(
      "Metric filters that turn matching log events into CloudWatch metrics (at most 100).")
  @Size(max = 100)
  @ValidationRule(
      value = "self.all(f, self.exists_one(g, g.name == f.name))",
      message = "metric filter names must be unique")
  private List<MetricFilterSpec> metricFilters;

  @JsonPropertyDescription("Metric alarms on the filters' metrics or on any CloudWatch metric.")
  @Size(max = 100)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "alarm names must be unique")
  private List<AlarmSpec> alarms;

  @JsonPropertyDescription("Default notification targets of every alarm.")
  private NotificationsSpec notifications;

  @JsonPropertyDescription(
      "Tags for the log group and every alarm (at most 46: the operator adds its own). Keys"
          + " must not start with aws: or modelaudit.io/.")
  @Size(max = 46)
  private Map<String, String> tags;

  @JsonPropertyDescription(
      "What happens in AWS when this ModelAudit is deleted. Retain (default): alarms and metric"
          + " filters are deleted, the log group and streams stay. Delete: everything is"
          + " deleted. Orphan: nothing in AWS is touched.")
  @SchemaFrom(type = DeletionPolicy.class)
  private String deletionPolicy;

  @JsonPropertyDescription(
      "Adopt a log group or alarm that already exists in AWS without the operator's ownership"
          + " tag. Default false: such a resource makes the ModelAudit Stalled/AlreadyExists.")
  private Boolean adoptExisting;

  // What the lenient reading dropped; kept out of the JSON (and so out of the CRD).
  @JsonIgnore private List<UnreadableField> unreadableFields = List.of();

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public ModelRef getModel() {
    return model;
  }

  public void setModel(ModelRef model) {
    this.model = model;
  }

  public LogGroupSpec getLogGroup() {
    return logGroup;
  }

  public void setLogGroup(LogGroupSpec logGroup) {
    this.logGroup = logGroup;
  }

  public List<String> getLogStreams() {
    return logStreams;
  }

  public void setLogStreams(List<String> logStreams) {
    this.logStreams = logStreams;
  }

  public List<MetricFilterSpec> getMetricFilters() {
    return metricFilters;
  }

  public void setMetricFilters(List<MetricFilterSpec> metricFilters) {
    this.metricFilters = metricFilters;
  }

  public List<AlarmSpec> getAlarms() {
    return alarms;
  }

  public void setAlarms(List<AlarmSpec> alarms) {
    this.alarms = alarms;
  }

  public NotificationsSpec getNotifications() {
    return notifications;
  }

  public void setNotifications(NotificationsSpec notifications) {
    this.notifications = notifications;
  }

  public Map<String, String> getTags() {
    return tags;
  }

  public void setTags(Map<String, String> tags) {
    this.tags = tags;
  }

  public String getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(String deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  public Boolean getAdoptExisting() {
    return adoptExisting;
  }

  public void setAdoptExisting(Boolean adoptExisting) {
    this.adoptExisting = adoptExisting;
  }

  /** Fields whose JSON had a type the schema forbids; each was dropped when the spec was read. */
  @JsonIgnore
  public List<UnreadableField> getUnreadableFields() {
    return unreadableFields;
  }

  @JsonIgnore
  public void setUnreadableFields(List<UnreadableField> unreadableFields) {
    this.unreadableFields = unreadableFields == null ? List.of() : List.copyOf(unreadableFields);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ModelAuditSpec other)) {
      return false;
    }
    return java.util.Objects.equals(region, other.region)
        && java.util.Objects.equals(model, other.model)
        && java.util.Objects.equals(logGroup, other.logGroup)
        && java.util.Objects.equals(logStreams, other.logStreams)
        && java.util.Objects.equals(metricFilters, other.metricFilters)
        && java.util.Objects.equals(alarms, other.alarms)
        && java.util.Objects.equals(notifications, other.notifications)
        && java.util.Objects.equals(tags, other.tags)
        && java.util.Objects.equals(deletionPolicy, other.deletionPolicy)
        && java.util.Objects.equals(adoptExisting, other.adoptExisting);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        region,
        model,
        logGroup,
        logStreams,
        metricFilters,
        alarms,
        notifications,
        tags,
        deletionPolicy,
        adoptExisting);
  }

  @Override
  public String toString() {
    return "ModelAuditSpec{"
        + "region="
        + region
        + ", "
        + "model="
        + model
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
        + "notifications="
        + notifications
        + ", "
        + "tags="
        + tags
        + ", "
        + "deletionPolicy="
        + deletionPolicy
        + ", "
        + "adoptExisting="
        + adoptExisting
        + "}";
  }
}
