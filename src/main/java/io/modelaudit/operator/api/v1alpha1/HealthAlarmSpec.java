package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.Data;

/**
 * One composite alarm over the model's alarms, in ALARM when any chosen alarm is: the model's
 * headline state, and the one alarm that pages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class HealthAlarmSpec {

  @JsonPropertyDescription(
      "Names of this ModelAudit's alarms (hand-written or made by a preset) the health alarm"
          + " watches, at most "
          + SpecRules.HEALTH_ALARM_CHILDREN_MAX
          + ". Default: every alarm but the actions suppressor.")
  @Size(min = 1, max = SpecRules.HEALTH_ALARM_CHILDREN_MAX)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b == a))",
      message = "health alarm names must be unique")
  private List<@Size(min = 1, max = SpecRules.ALARM_NAME_MAX_LENGTH) String> alarms;

  @JsonPropertyDescription(
      "Description shown in CloudWatch, at most "
          + SpecRules.ALARM_DESCRIPTION_MAX_LENGTH
          + " characters.")
  @Size(max = SpecRules.ALARM_DESCRIPTION_MAX_LENGTH)
  private String description;

  @JsonPropertyDescription("Whether the health alarm's actions run. Default true.")
  private Boolean actionsEnabled;

  @JsonPropertyDescription(
      "ARNs notified on each state. Default: alarm and ok get notifications.snsTopicArn.")
  private AlarmActionsSpec actions;

  @JsonPropertyDescription(
      "An alarm that silences the health alarm's actions while it is in ALARM, e.g. a"
          + " maintenance window.")
  private ActionsSuppressorSpec actionsSuppressor;
}
