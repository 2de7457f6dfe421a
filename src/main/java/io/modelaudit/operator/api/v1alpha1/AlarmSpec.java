package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** A CloudWatch metric alarm on a filter's metric or on any metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.metricFilter) != has(self.metric)",
    message = "give exactly one of metricFilter or metric")
@ValidationRule(
    value = "has(self.statistic) != has(self.extendedStatistic)",
    message = "give exactly one of statistic or extendedStatistic")
@ValidationRule(
    value = "!has(self.datapointsToAlarm) || self.datapointsToAlarm <= self.evaluationPeriods",
    message = "datapointsToAlarm must not exceed evaluationPeriods")
@ValidationRule(
    value = "self.period * self.evaluationPeriods <= (self.period >= 3600 ? 604800 : 86400)",
    message =
        "period * evaluationPeriods must be at most 86400 seconds (604800 when period >= 3600)")
@Data
public class AlarmSpec {

  @JsonPropertyDescription(
      "Name of the alarm, unique in this ModelAudit: 1-64 of a-z A-Z 0-9 . _ -, starting with a"
          + " letter or digit. The AWS alarm name is derived from it, the namespace and the"
          + " ModelAudit's name.")
  @Required
  @Size(min = 1, max = 64)
  @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]*$")
  private String name;

  @JsonPropertyDescription("Alarm description shown in CloudWatch, at most 1024 characters.")
  @Size(max = 1024)
  private String description;

  @JsonPropertyDescription("Name of a metric filter of this ModelAudit whose metric is watched.")
  @Size(min = 1, max = 512)
  private String metricFilter;

  @JsonPropertyDescription("Any CloudWatch metric to watch, instead of metricFilter.")
  private AlarmMetricSpec metric;

  @JsonPropertyDescription("Statistic over each period. Not with extendedStatistic.")
  @SchemaFrom(type = Statistic.class)
  private String statistic;

  @JsonPropertyDescription("Percentile statistic such as p99 or p99.9. Not with statistic.")
  @Pattern("^(p|tm|wm|tc|ts)(100|[0-9]{1,2}(\\.[0-9]{1,10})?)$|^IQM$")
  private String extendedStatistic;

  @JsonPropertyDescription("Length of a period in seconds: 10, 20, 30 or a multiple of 60.")
  @Required
  @Min(10)
  @Max(604800)
  @ValidationRule(
      value = "self in [10, 20, 30] || self % 60 == 0",
      message = "period must be 10, 20, 30 or a multiple of 60")
  private Integer period;

  @JsonPropertyDescription("Number of most recent periods to evaluate.")
  @Required
  @Min(1)
  @Max(10080)
  private Integer evaluationPeriods;

  @JsonPropertyDescription(
      "Breaching data points within evaluationPeriods that trigger the alarm. Default:"
          + " evaluationPeriods.")
  @Min(1)
  @Max(10080)
  private Integer datapointsToAlarm;

  @JsonPropertyDescription("How the statistic is compared with the threshold.")
  @Required
  @SchemaFrom(type = ComparisonOperator.class)
  private String comparisonOperator;

  @JsonPropertyDescription("The value the statistic is compared with.")
  @Required
  private Double threshold;

  @JsonPropertyDescription("How missing data is treated. Default: missing.")
  @SchemaFrom(type = TreatMissingData.class)
  private String treatMissingData;

  @JsonPropertyDescription("Whether the alarm's actions run. Default true.")
  private Boolean actionsEnabled;

  @JsonPropertyDescription(
      "ARNs notified on each state. Default: alarm and ok get notifications.snsTopicArn.")
  private AlarmActionsSpec actions;
}
