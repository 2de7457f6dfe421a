package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.ToString;

/** A preset that alarms when a share of the requests, in percent, passes a threshold. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@EqualsAndHashCode(callSuper = true)
@ToString(callSuper = true)
public class RatePresetSpec extends PresetSpec {

  @JsonPropertyDescription(
      "Percentage of the requests above which the alarm goes off, 0-100. Default: the preset's"
          + " (errorRate 5, refusalRate 5, truncationRate 10).")
  @Min(0)
  @Max(SpecRules.PERCENT_MAX)
  private Double threshold;
}
