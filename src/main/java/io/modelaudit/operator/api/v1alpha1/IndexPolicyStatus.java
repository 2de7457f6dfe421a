package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The log group's field index policy, as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class IndexPolicyStatus {

  @JsonPropertyDescription("The indexed fields.")
  private List<String> fields;

  @JsonPropertyDescription(
      "True when the policy is the operator's (from spec.logGroup.indexFields); false when someone"
          + " else set it.")
  private Boolean managed;
}
