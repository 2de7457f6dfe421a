package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** An observed alarm and its state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class AlarmStatus {

  @JsonPropertyDescription("The alarm's name in the spec.")
  private String name;

  @JsonPropertyDescription("The alarm's name in AWS.")
  private String alarmName;

  @JsonPropertyDescription("The alarm's ARN.")
  private String arn;

  @JsonPropertyDescription("OK, ALARM or INSUFFICIENT_DATA.")
  private String state;

  @JsonPropertyDescription("Why the alarm is in its state, as CloudWatch explains it.")
  private String stateReason;

  @JsonPropertyDescription("When the state last changed (RFC 3339).")
  private String stateUpdatedAt;
}
