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
import java.util.List;
import lombok.Data;

/**
 * A CloudWatch metric alarm on a filter's metric, on any metric, or on metric math over several
 * metrics (a rate, or an anomaly detection band).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.metricFilter) ? 1 : 0) + (has(self.metric) ? 1 : 0) + (has(self.metrics) ? 1 :"
            + " 0) == 1",
    message = "give exactly one of metricFilter, metric or metrics")
@ValidationRule(
    value =
        "has(self.metrics) ? !has(self.statistic) && !has(self.extendedStatistic) :"
            + " has(self.statistic) != has(self.extendedStatistic)",
    message =
        "give exactly one of statistic or extendedStatistic; with metrics neither (each entry has"
            + " its stat)")
@ValidationRule(
    value = "has(self.thresholdMetricId) != has(self.threshold)",
    message = "give threshold, or thresholdMetricId for an anomaly detection band, not both")
@ValidationRule(
    value = "!has(self.thresholdMetricId) || has(self.metrics)",
    message = "thresholdMetricId names an entry of metrics")
@ValidationRule(
    value =
        "has(self.thresholdMetricId) == (self.comparisonOperator in ["
            + ComparisonOperator.BAND_OPERATORS
            + "])",
    message =
        "the band operators (LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold,"
            + " GreaterThanUpperThreshold) go with thresholdMetricId, the others with threshold")
@ValidationRule(
    value = "!has(self.anomalyDetector) || has(self.thresholdMetricId)",
    message =
        "anomalyDetector configures the model of an anomaly detection band (thresholdMetricId)")
@ValidationRule(
    value = "!has(self.datapointsToAlarm) || self.datapointsToAlarm <= self.evaluationPeriods",
    message = "datapointsToAlarm must not exceed evaluationPeriods")
@ValidationRule(
    value = SpecRules.EVALUATION_RANGE_RULE,
    message = SpecRules.EVALUATION_RANGE_MESSAGE)
@Data
public class AlarmSpec {

  @JsonPropertyDescription(
      "Name of the alarm, unique in this ModelAudit: 1-"
          + SpecRules.ALARM_NAME_MAX_LENGTH
          + " of a-z A-Z 0-9 . _ -, starting with a letter or digit. The AWS alarm name is"
          + " derived from it, the namespace and the ModelAudit's name.")
  @Required
  @Size(min = 1, max = SpecRules.ALARM_NAME_MAX_LENGTH)
  @Pattern(SpecRules.ALARM_NAME_PATTERN)
  private String name;

  @JsonPropertyDescription(
      "Alarm description shown in CloudWatch, at most "
          + SpecRules.ALARM_DESCRIPTION_MAX_LENGTH
          + " characters.")
  @Size(max = SpecRules.ALARM_DESCRIPTION_MAX_LENGTH)
  private String description;

  @JsonPropertyDescription(
      "Name of a metric filter of this ModelAudit whose metric is watched. The filter's metric"
          + " must have no dimensions; for one with dimensions, give metric with the filter's"
          + " namespace, name and one value of each dimension.")
  @Size(min = 1, max = SpecRules.NAME_MAX_LENGTH)
  private String metricFilter;

  @JsonPropertyDescription(
      "A CloudWatch metric to watch, instead of metricFilter: one this ModelAudit's filters"
          + " publish (with exactly their dimension names), or one in a metric namespace the"
          + " operator's policy allows (by default AIModelAuditing/<namespace> and below), and"
          + " never one another ModelAudit publishes.")
  private AlarmMetricSpec metric;

  @JsonPropertyDescription(
      "Metric math instead of metricFilter or metric: up to "
          + SpecRules.ALARM_METRIC_STATS_MAX
          + " metrics and "
          + SpecRules.ALARM_EXPRESSIONS_MAX
          + " expressions, each with an id; the entry with returnData true is compared with the"
          + " threshold (or, with thresholdMetricId, with an anomaly detection band). Each metric"
          + " is retrieved over the alarm's period.")
  @Size(min = 1, max = SpecRules.ALARM_METRICS_MAX_ITEMS)
  @ValidationRule(
      value = "self.all(m, self.exists_one(n, n.id == m.id))",
      message = "metric ids must be unique in the alarm")
  private List<AlarmMetricQuerySpec> metrics;

  @JsonPropertyDescription(
      "Id of the metrics entry whose expression is ANOMALY_DETECTION_BAND(id, width): the alarm"
          + " compares the returned series with that band instead of a threshold, using"
          + " LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold or"
          + " GreaterThanUpperThreshold.")
  @Size(min = 1, max = SpecRules.METRIC_ID_MAX_LENGTH)
  @Pattern(SpecRules.METRIC_ID_PATTERN)
  private String thresholdMetricId;

  @JsonPropertyDescription(
      "Training settings of the anomaly detection model behind the band (only with"
          + " thresholdMetricId, over a metric, not an expression). Without it CloudWatch trains"
          + " a model with its defaults when the alarm is created.")
  private AnomalyDetectorSpec anomalyDetector;

  @JsonPropertyDescription("Statistic over each period. Not with extendedStatistic.")
  @SchemaFrom(type = Statistic.class)
  private String statistic;

  @JsonPropertyDescription("Percentile statistic such as p99 or p99.9. Not with statistic.")
  @Pattern(SpecRules.EXTENDED_STATISTIC_PATTERN)
  private String extendedStatistic;

  @JsonPropertyDescription(
      "Length of a period in seconds: "
          + SpecRules.PERIOD_CHOICES
          + ". "
          + SpecRules.HIGH_RESOLUTION_PERIODS
          + " only with metric (or metrics entries with metric only): a metric filter's metric is"
          + " published at one-minute resolution. With metrics, the period of every metric"
          + " retrieved; an anomaly band needs 60 or more.")
  @Required
  @Min(SpecRules.PERIOD_MIN_SECONDS)
  @Max(SpecRules.PERIOD_MAX_SECONDS)
  @ValidationRule(
      value = SpecRules.PERIOD_RULE,
      message = "period must be " + SpecRules.PERIOD_CHOICES)
  private Integer period;

  @JsonPropertyDescription("Number of most recent periods to evaluate.")
  @Required
  @Min(1)
  @Max(SpecRules.EVALUATION_PERIODS_MAX)
  private Integer evaluationPeriods;

  @JsonPropertyDescription(
      "Breaching data points within evaluationPeriods that trigger the alarm. Default:"
          + " evaluationPeriods.")
  @Min(1)
  @Max(SpecRules.EVALUATION_PERIODS_MAX)
  private Integer datapointsToAlarm;

  @JsonPropertyDescription("How the statistic is compared with the threshold.")
  @Required
  @SchemaFrom(type = ComparisonOperator.class)
  private String comparisonOperator;

  @JsonPropertyDescription(
      "The value the statistic (or the returned series) is compared with. Not with"
          + " thresholdMetricId.")
  private Double threshold;

  @JsonPropertyDescription("How missing data is treated. Default: missing.")
  @SchemaFrom(type = TreatMissingData.class)
  private String treatMissingData;

  @JsonPropertyDescription("Whether the alarm's actions run. Default true.")
  private Boolean actionsEnabled;

  @JsonPropertyDescription(
      "ARNs notified on each state. Default: alarm and ok get notifications.snsTopicArn, unless"
          + " spec.healthAlarm is set: then only the health alarm notifies by default.")
  private AlarmActionsSpec actions;
}
