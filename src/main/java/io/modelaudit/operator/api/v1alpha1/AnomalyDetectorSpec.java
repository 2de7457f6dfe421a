package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import lombok.Data;

/**
 * How CloudWatch trains the anomaly detection model behind an alarm's band: periods to leave out
 * and the metric's time zone. The operator then creates the model itself (PutAnomalyDetector) and
 * deletes it with the alarm.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class AnomalyDetectorSpec {

  @JsonPropertyDescription(
      "Periods the model must not learn from (deployments, incidents), at most "
          + SpecRules.EXCLUDED_TIME_RANGES_MAX
          + ".")
  @Size(max = SpecRules.EXCLUDED_TIME_RANGES_MAX)
  private List<TimeRangeSpec> excludedTimeRanges;

  @JsonPropertyDescription(
      "Time zone of the metric's daily and weekly patterns, a tz database name such as"
          + " Europe/Berlin (daylight saving time is then followed). Default: UTC.")
  @Size(min = 1, max = SpecRules.TIMEZONE_MAX_LENGTH)
  private String metricTimezone;
}
