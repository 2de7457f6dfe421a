package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Whether the log group masks personal data, as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class DataProtectionStatus {

  @JsonPropertyDescription(
      "True when the log group has a data protection policy: new events are masked.")
  private Boolean masking;

  @JsonPropertyDescription(
      "True when the policy is the operator's (built from spec.dataProtection); false when"
          + " someone else set it.")
  private Boolean managed;

  @JsonPropertyDescription("The data identifiers the policy masks, managed and custom.")
  private List<String> identifiers;
}
