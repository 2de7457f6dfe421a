package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/**
 * One entry of a metric-math alarm: a metric to retrieve (a filter's metric or any metric, with a
 * statistic) or an expression over the ids of other entries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.metricFilter) ? 1 : 0) + (has(self.metric) ? 1 : 0) + (has(self.expression) ? 1"
            + " : 0) == 1",
    message = "give exactly one of metricFilter, metric or expression")
@ValidationRule(
    value = "has(self.expression) != has(self.stat)",
    message = "a metric needs stat; an expression has none")
@Data
public class AlarmMetricQuerySpec {

  @JsonPropertyDescription(
      "Id of the entry, unique in the alarm, used in expressions: letters, digits and _,"
          + " starting with a lowercase letter, at most "
          + SpecRules.METRIC_ID_MAX_LENGTH
          + " characters.")
  @Required
  @Size(min = 1, max = SpecRules.METRIC_ID_MAX_LENGTH)
  @Pattern(SpecRules.METRIC_ID_PATTERN)
  private String id;

  @JsonPropertyDescription(
      "Name of a metric filter of this ModelAudit (a preset's filters included) whose metric this"
          + " entry retrieves.")
  @Size(min = 1, max = SpecRules.NAME_MAX_LENGTH)
  private String metricFilter;

  @JsonPropertyDescription("Any CloudWatch metric this entry retrieves, instead of metricFilter.")
  private AlarmMetricSpec metric;

  @JsonPropertyDescription(
      "Statistic of the retrieved metric over each period of the alarm: Sum, Average, Minimum,"
          + " Maximum, SampleCount or a percentile such as p99. Not with expression.")
  @Pattern(SpecRules.METRIC_STAT_PATTERN)
  private String stat;

  @JsonPropertyDescription(
      "Metric math over the ids of other entries, e.g. '100 * errors / requests' or"
          + " 'ANOMALY_DETECTION_BAND(tokens, 2)'; at most "
          + SpecRules.METRIC_EXPRESSION_MAX_LENGTH
          + " characters. CloudWatch drops a data point that divides by zero.")
  @Size(min = 1, max = SpecRules.METRIC_EXPRESSION_MAX_LENGTH)
  private String expression;

  @JsonPropertyDescription(
      "Label shown on graphs and the dashboard, at most "
          + SpecRules.METRIC_LABEL_MAX_LENGTH
          + " characters.")
  @Size(max = SpecRules.METRIC_LABEL_MAX_LENGTH)
  private String label;

  @JsonPropertyDescription(
      "Whether this entry is the series the alarm compares: exactly one entry says true (besides"
          + " the band named by thresholdMetricId). Default false.")
  private Boolean returnData;
}
