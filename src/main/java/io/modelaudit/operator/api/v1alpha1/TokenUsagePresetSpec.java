package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.ToString;

/**
 * The token usage preset: an anomaly alarm on input plus output tokens, set off when usage rises
 * above the band of what is normal for the hour and the day of the week.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@EqualsAndHashCode(callSuper = true)
@ToString(callSuper = true)
public class TokenUsagePresetSpec extends PresetSpec {

  @JsonPropertyDescription(
      "Width of the anomaly detection band in standard deviations: wider is more tolerant."
          + " Default 2.")
  @Min(0.1)
  @Max(100)
  private Double bandWidth;
}
