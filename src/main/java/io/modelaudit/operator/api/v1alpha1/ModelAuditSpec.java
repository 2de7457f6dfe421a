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
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.ToString;

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
        "!has(self.alarms) || self.alarms.all(a, !has(a.metricFilter) ||"
            + " a.metricFilter.startsWith('"
            + SpecRules.PRESET_FILTER_PREFIX
            + "') || (has(self.metricFilters) && self.metricFilters.exists(f, f.name =="
            + " a.metricFilter)))",
    message = "an alarm's metricFilter must name a metric filter of this ModelAudit")
@Data
public class ModelAuditSpec {

  @JsonPropertyDescription(
      "AWS region of every resource, e.g. us-east-1. Immutable. Default: the operator's region.")
  @Pattern(SpecRules.REGION_PATTERN)
  @Size(max = SpecRules.REGION_MAX_LENGTH)
  @ValidationRule(value = "self == oldSelf", message = "spec.region is immutable")
  private String region;

  @JsonPropertyDescription("The audited model; its name and version become tags.")
  private ModelRef model;

  @JsonPropertyDescription("The log group that holds the model's events. Optional as a whole.")
  private LogGroupSpec logGroup;

  @JsonPropertyDescription(
      "Log streams to create in the log group. Default: [events]. A stream removed from this"
          + " list is deleted only under deletionPolicy Delete, since streams hold data.")
  @Size(max = SpecRules.LOG_STREAMS_MAX_ITEMS)
  @ValidationRule(
      value = SpecRules.LOG_STREAM_NAMES_RULE,
      message = SpecRules.LOG_STREAM_NAMES_MESSAGE)
  @ValidationRule(
      value = "self.all(s, self.exists_one(t, t == s))",
      message = "log stream names must be unique")
  private List<@Size(max = SpecRules.NAME_MAX_LENGTH) String> logStreams;

  @JsonPropertyDescription(
      "Metric filters that turn matching log events into CloudWatch metrics (at most "
          + SpecRules.METRIC_FILTERS_MAX_ITEMS
          + ").")
  @Size(max = SpecRules.METRIC_FILTERS_MAX_ITEMS)
  @ValidationRule(
      value = "self.all(f, self.exists_one(g, g.name == f.name))",
      message = "metric filter names must be unique")
  private List<MetricFilterSpec> metricFilters;

  @JsonPropertyDescription(
      "Metric alarms on the filters' metrics, on any CloudWatch metric, or on metric math (rates,"
          + " anomaly detection bands).")
  @Size(max = SpecRules.ALARMS_MAX_ITEMS)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "alarm names must be unique")
  private List<AlarmSpec> alarms;

  @JsonPropertyDescription(
      "Ready-made audits of the model's events (docs/events.md), each a few lines: they expand"
          + " into metric filters and alarms next to the hand-written ones. A name clash with a"
          + " hand-written filter or alarm is refused.")
  private PresetsSpec presets;

  @JsonPropertyDescription(
      "One composite alarm over the model's alarms, in ALARM when any of them is: the model's"
          + " headline state (status.alarmState, the ALARM column) and, by default, the only"
          + " alarm that notifies.")
  private HealthAlarmSpec healthAlarm;

  @JsonPropertyDescription(
      "A CloudWatch dashboard for the model, kept in sync with the spec and deleted with the"
          + " ModelAudit; status.dashboard.url links to it.")
  private DashboardSpec dashboard;

  @JsonPropertyDescription(
      "Masking of personal data (prompts, responses) in the log group: AWS managed and custom data"
          + " identifiers, and where audit findings go. Masks events ingested after it is set;"
          + " reading unmasked data needs the logs:Unmask permission.")
  private DataProtectionSpec dataProtection;

  @JsonPropertyDescription(
      "The audit archive: at most "
          + SpecRules.ARCHIVE_MAX_ITEMS
          + " subscription filters that copy events to Firehose, Kinesis, Lambda or a"
          + " cross-account destination, e.g. to keep them in S3 as long as the law requires.")
  @Size(max = SpecRules.ARCHIVE_MAX_ITEMS)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "archive names must be unique")
  private List<ArchiveSpec> archive;

  @JsonPropertyDescription("Saved Logs Insights queries for auditors, scoped to the log group.")
  private QueriesSpec queries;

  @JsonPropertyDescription(
      "Default notification targets: alarm and ok actions of every alarm or, with healthAlarm,"
          + " of the health alarm only.")
  private NotificationsSpec notifications;

  @JsonPropertyDescription(
      "Tags for the log group and every alarm (at most "
          + SpecRules.TAGS_MAX
          + ": the operator adds its own). Keys must not start with "
          + SpecRules.AWS_TAG_PREFIX
          + " or "
          + SpecRules.OPERATOR_TAG_PREFIX
          + ".")
  @Size(max = SpecRules.TAGS_MAX)
  private Map<String, String> tags;

  @JsonPropertyDescription(
      "What happens in AWS when this ModelAudit is deleted. Retain (default): alarms, metric"
          + " filters and saved queries are deleted; the log group, its streams, its masking, its"
          + " archive and its index policy stay. Delete: everything is deleted. Orphan: nothing in"
          + " AWS is touched.")
  @SchemaFrom(type = DeletionPolicy.class)
  private String deletionPolicy;

  @JsonPropertyDescription(
      "Adopt a log group or alarm that already exists in AWS without the operator's ownership"
          + " tag (or kept from a deleted ModelAudit of the same name). The operator claims it"
          + " first, then enforces only the fields the spec sets, and never deletes it nor what it"
          + " held (streams, filters, tags), under any deletionPolicy. Default false: such a"
          + " resource makes the ModelAudit Stalled/AlreadyExists.")
  private Boolean adoptExisting;

  // What the lenient reading dropped; kept out of the JSON (and so out of the CRD), and out of
  // equals and hashCode: two specs with the same fields are the same spec.
  @JsonIgnore @EqualsAndHashCode.Exclude @ToString.Exclude
  private List<UnreadableField> unreadableFields = List.of();

  /**
   * A copy of this spec (sharing its values) with these metric filters and alarms: the spec as the
   * parts read it once the presets are expanded.
   */
  public ModelAuditSpec withFiltersAndAlarms(
      List<MetricFilterSpec> metricFilters, List<AlarmSpec> alarms) {
    ModelAuditSpec copy = new ModelAuditSpec();
    copy.region = region;
    copy.model = model;
    copy.logGroup = logGroup;
    copy.logStreams = logStreams;
    copy.metricFilters = metricFilters;
    copy.alarms = alarms;
    copy.presets = presets;
    copy.healthAlarm = healthAlarm;
    copy.dashboard = dashboard;
    copy.notifications = notifications;
    copy.tags = tags;
    copy.deletionPolicy = deletionPolicy;
    copy.adoptExisting = adoptExisting;
    copy.unreadableFields = unreadableFields;
    return copy;
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
}
