package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.Data;

/** ARNs an alarm notifies when it enters each state; a few per state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class AlarmActionsSpec {

  private static final String AT_MOST =
      " (at most "
          + SpecRules.ACTIONS_PER_STATE_MAX
          + "; SNS topics of the ModelAudit's region, by default of the operator's own account)";

  @JsonPropertyDescription(
      "ARNs run when the alarm enters ALARM" + AT_MOST + ". Replaces the default SNS topic.")
  @Size(max = SpecRules.ACTIONS_PER_STATE_MAX)
  @ValidationRule(value = SpecRules.ACTION_ARNS_RULE, message = SpecRules.ACTION_ARNS_MESSAGE)
  private List<@Size(max = SpecRules.ACTION_ARN_MAX_LENGTH) String> alarm;

  @JsonPropertyDescription(
      "ARNs run when the alarm returns to OK" + AT_MOST + ". Replaces the default SNS topic.")
  @Size(max = SpecRules.ACTIONS_PER_STATE_MAX)
  @ValidationRule(value = SpecRules.ACTION_ARNS_RULE, message = SpecRules.ACTION_ARNS_MESSAGE)
  private List<@Size(max = SpecRules.ACTION_ARN_MAX_LENGTH) String> ok;

  @JsonPropertyDescription("ARNs run when the alarm enters INSUFFICIENT_DATA" + AT_MOST + ".")
  @Size(max = SpecRules.ACTIONS_PER_STATE_MAX)
  @ValidationRule(value = SpecRules.ACTION_ARNS_RULE, message = SpecRules.ACTION_ARNS_MESSAGE)
  private List<@Size(max = SpecRules.ACTION_ARN_MAX_LENGTH) String> insufficientData;
}
