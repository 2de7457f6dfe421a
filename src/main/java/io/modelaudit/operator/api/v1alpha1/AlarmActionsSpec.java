package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.Data;

/** ARNs an alarm notifies when it enters each state; at most 5 per state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class AlarmActionsSpec {

  private static final String ARN_RULE = "self.all(a, a.matches('^arn:aws[a-z-]*:[a-z0-9-]+:'))";
  private static final String ARN_MESSAGE = "each action must be an ARN";

  @JsonPropertyDescription(
      "ARNs run when the alarm enters ALARM (at most 5). Replaces the default SNS topic.")
  @Size(max = 5)
  @ValidationRule(value = ARN_RULE, message = ARN_MESSAGE)
  private List<String> alarm;

  @JsonPropertyDescription(
      "ARNs run when the alarm returns to OK (at most 5). Replaces the default SNS topic.")
  @Size(max = 5)
  @ValidationRule(value = ARN_RULE, message = ARN_MESSAGE)
  private List<String> ok;

  @JsonPropertyDescription("ARNs run when the alarm enters INSUFFICIENT_DATA (at most 5).")
  @Size(max = 5)
  @ValidationRule(value = ARN_RULE, message = ARN_MESSAGE)
  private List<String> insufficientData;
}
