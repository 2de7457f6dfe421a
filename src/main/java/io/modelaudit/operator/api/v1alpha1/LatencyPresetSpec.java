package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.ToString;

/** The latency preset: the 99th percentile of the operation duration against a limit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@EqualsAndHashCode(callSuper = true)
@ToString(callSuper = true)
public class LatencyPresetSpec extends PresetSpec {

  @JsonPropertyDescription(
      "Seconds the p99 of gen_ai.client.operation.duration may reach before the alarm goes off."
          + " Default 10.")
  @Min(0)
  private Double threshold;
}
