package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** When a preset's alarm goes off: its period and how many periods must breach. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = SpecRules.PRESET_EVALUATION_RANGE_RULE,
    message = SpecRules.EVALUATION_RANGE_MESSAGE)
@ValidationRule(
    value = SpecRules.PRESET_DATAPOINTS_RULE,
    message = "datapointsToAlarm must not exceed evaluationPeriods")
@Data
public class PresetSpec {

  @JsonPropertyDescription(
      "Length of a period in seconds, a multiple of 60. Default "
          + SpecRules.PRESET_PERIOD_DEFAULT_SECONDS
          + ".")
  @Min(SpecRules.PERIOD_MULTIPLE)
  @Max(SpecRules.PERIOD_MAX_SECONDS)
  @ValidationRule(value = SpecRules.PRESET_PERIOD_RULE, message = SpecRules.PRESET_PERIOD_MESSAGE)
  private Integer period;

  @JsonPropertyDescription(
      "Number of most recent periods evaluated. Default "
          + SpecRules.PRESET_EVALUATION_PERIODS_DEFAULT
          + ".")
  @Min(1)
  @Max(SpecRules.EVALUATION_PERIODS_MAX)
  private Integer evaluationPeriods;

  @JsonPropertyDescription(
      "Breaching periods within evaluationPeriods that set off the alarm. Default:"
          + " evaluationPeriods.")
  @Min(1)
  @Max(SpecRules.EVALUATION_PERIODS_MAX)
  private Integer datapointsToAlarm;
}
