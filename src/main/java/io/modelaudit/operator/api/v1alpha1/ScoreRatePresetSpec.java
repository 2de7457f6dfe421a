package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.ToString;

/**
 * A preset that alarms when the share of scores below a cutoff (confidences, evaluation scores), in
 * percent, passes a threshold.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@EqualsAndHashCode(callSuper = true)
@ToString(callSuper = true)
public class ScoreRatePresetSpec extends PresetSpec {

  @JsonPropertyDescription(
      "A score below this counts as low (modelaudit.confidence or"
          + " gen_ai.evaluation.score.value). Default 0.5.")
  private Double below;

  @JsonPropertyDescription(
      "Percentage of low scores above which the alarm goes off, 0-100. Default 20.")
  @Min(0)
  @Max(SpecRules.PERCENT_MAX)
  private Double threshold;
}
