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

  @JsonPropertyDescription(
      "Name of a metric filter of this ModelAudit whose metric is watched. The filter's metric"
          + " must have no dimensions; for one with dimensions, give metric with the filter's"
          + " namespace, name and one value of each dimension.")
  @Size(min = 1, max = 512)
  private String metricFilter;

  @JsonPropertyDescription(
      "A CloudWatch metric to watch, instead of metricFilter: one this ModelAudit's filters"
          + " publish (with exactly their dimension names), or one in a metric namespace the"
          + " operator's policy allows (by default AIModelAuditing/<namespace> and below), and"
          + " never one another ModelAudit publishes.")
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

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getMetricFilter() {
    return metricFilter;
  }

  public void setMetricFilter(String metricFilter) {
    this.metricFilter = metricFilter;
  }

  public AlarmMetricSpec getMetric() {
    return metric;
  }

  public void setMetric(AlarmMetricSpec metric) {
    this.metric = metric;
  }

  public String getStatistic() {
    return statistic;
  }

  public void setStatistic(String statistic) {
    this.statistic = statistic;
  }

  public String getExtendedStatistic() {
    return extendedStatistic;
  }

  public void setExtendedStatistic(String extendedStatistic) {
    this.extendedStatistic = extendedStatistic;
  }

  public Integer getPeriod() {
    return period;
  }

  public void setPeriod(Integer period) {
    this.period = period;
  }

  public Integer getEvaluationPeriods() {
    return evaluationPeriods;
  }

  public void setEvaluationPeriods(Integer evaluationPeriods) {
    this.evaluationPeriods = evaluationPeriods;
  }

  public Integer getDatapointsToAlarm() {
    return datapointsToAlarm;
  }

  public void setDatapointsToAlarm(Integer datapointsToAlarm) {
    this.datapointsToAlarm = datapointsToAlarm;
  }

  public String getComparisonOperator() {
    return comparisonOperator;
  }

  public void setComparisonOperator(String comparisonOperator) {
    this.comparisonOperator = comparisonOperator;
  }

  public Double getThreshold() {
    return threshold;
  }

  public void setThreshold(Double threshold) {
    this.threshold = threshold;
  }

  public String getTreatMissingData() {
    return treatMissingData;
  }

  public void setTreatMissingData(String treatMissingData) {
    this.treatMissingData = treatMissingData;
  }

  public Boolean getActionsEnabled() {
    return actionsEnabled;
  }

  public void setActionsEnabled(Boolean actionsEnabled) {
    this.actionsEnabled = actionsEnabled;
  }

  public AlarmActionsSpec getActions() {
    return actions;
  }

  public void setActions(AlarmActionsSpec actions) {
    this.actions = actions;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AlarmSpec other)) {
      return false;
    }
    return java.util.Objects.equals(name, other.name)
        && java.util.Objects.equals(description, other.description)
        && java.util.Objects.equals(metricFilter, other.metricFilter)
        && java.util.Objects.equals(metric, other.metric)
        && java.util.Objects.equals(statistic, other.statistic)
        && java.util.Objects.equals(extendedStatistic, other.extendedStatistic)
        && java.util.Objects.equals(period, other.period)
        && java.util.Objects.equals(evaluationPeriods, other.evaluationPeriods)
        && java.util.Objects.equals(datapointsToAlarm, other.datapointsToAlarm)
        && java.util.Objects.equals(comparisonOperator, other.comparisonOperator)
        && java.util.Objects.equals(threshold, other.threshold)
        && java.util.Objects.equals(treatMissingData, other.treatMissingData)
        && java.util.Objects.equals(actionsEnabled, other.actionsEnabled)
        && java.util.Objects.equals(actions, other.actions);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        name,
        description,
        metricFilter,
        metric,
        statistic,
        extendedStatistic,
        period,
        evaluationPeriods,
        datapointsToAlarm,
        comparisonOperator,
        threshold,
        treatMissingData,
        actionsEnabled,
        actions);
  }

  @Override
  public String toString() {
    return "AlarmSpec{"
        + "name="
        + name
        + ", "
        + "description="
        + description
        + ", "
        + "metricFilter="
        + metricFilter
        + ", "
        + "metric="
        + metric
        + ", "
        + "statistic="
        + statistic
        + ", "
        + "extendedStatistic="
        + extendedStatistic
        + ", "
        + "period="
        + period
        + ", "
        + "evaluationPeriods="
        + evaluationPeriods
        + ", "
        + "datapointsToAlarm="
        + datapointsToAlarm
        + ", "
        + "comparisonOperator="
        + comparisonOperator
        + ", "
        + "threshold="
        + threshold
        + ", "
        + "treatMissingData="
        + treatMissingData
        + ", "
        + "actionsEnabled="
        + actionsEnabled
        + ", "
        + "actions="
        + actions
        + "}";
  }
}
