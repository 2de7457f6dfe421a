package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The observed health (composite) alarm and its state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class HealthAlarmStatus {

  @JsonPropertyDescription("The composite alarm's name in AWS.")
  private String alarmName;

  @JsonPropertyDescription("The composite alarm's ARN.")
  private String arn;

  @JsonPropertyDescription("The alarms (their names in the spec) it watches.")
  private List<String> alarms;

  @JsonPropertyDescription("OK, ALARM or INSUFFICIENT_DATA.")
  private String state;

  @JsonPropertyDescription("Why it is in its state, as CloudWatch explains it.")
  private String stateReason;

  @JsonPropertyDescription("When the state last changed (RFC 3339).")
  private String stateUpdatedAt;
}
