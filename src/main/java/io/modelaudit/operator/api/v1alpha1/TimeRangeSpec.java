package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A span of time, in UTC, as CloudWatch's anomaly detector configuration takes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.start < self.end", message = "start must be before end")
@Data
@NoArgsConstructor
@AllArgsConstructor
public class TimeRangeSpec {

  @JsonPropertyDescription("Start, yyyy-MM-ddTHH:mm:ss in UTC, e.g. 2026-11-20T08:00:00.")
  @Required
  @Size(max = SpecRules.TIME_RANGE_LENGTH)
  @Pattern(SpecRules.TIME_RANGE_PATTERN)
  private String start;

  @JsonPropertyDescription("End, after start, in the same format.")
  @Required
  @Size(max = SpecRules.TIME_RANGE_LENGTH)
  @Pattern(SpecRules.TIME_RANGE_PATTERN)
  private String end;
}
