package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import lombok.Data;

/** The alarm that suppresses the health alarm's actions, and how long around its changes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class ActionsSuppressorSpec {

  @JsonPropertyDescription(
      "Name of one of this ModelAudit's alarms, or the ARN of any alarm of the account and"
          + " region.")
  @Required
  @Size(min = 1, max = SpecRules.ACTION_ARN_MAX_LENGTH)
  private String alarm;

  @JsonPropertyDescription(
      "Seconds the health alarm waits for the suppressor to enter ALARM before it acts. Default "
          + SpecRules.SUPPRESSOR_PERIOD_DEFAULT_SECONDS
          + ".")
  @Min(0)
  @Max(SpecRules.SUPPRESSOR_PERIOD_MAX_SECONDS)
  private Integer waitPeriod;

  @JsonPropertyDescription(
      "Seconds the health alarm stays silent after the suppressor leaves ALARM. Default "
          + SpecRules.SUPPRESSOR_PERIOD_DEFAULT_SECONDS
          + ".")
  @Min(0)
  @Max(SpecRules.SUPPRESSOR_PERIOD_MAX_SECONDS)
  private Integer extensionPeriod;
}
