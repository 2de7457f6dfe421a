package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An observed alarm and its state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
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

  public AlarmStatus() {}

  public AlarmStatus(
      String name,
      String alarmName,
      String arn,
      String state,
      String stateReason,
      String stateUpdatedAt) {
    this.name = name;
    this.alarmName = alarmName;
    this.arn = arn;
    this.state = state;
    this.stateReason = stateReason;
    this.stateUpdatedAt = stateUpdatedAt;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAlarmName() {
    return alarmName;
  }

  public void setAlarmName(String alarmName) {
    this.alarmName = alarmName;
  }

  public String getArn() {
    return arn;
  }

  public void setArn(String arn) {
    this.arn = arn;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getStateReason() {
    return stateReason;
  }

  public void setStateReason(String stateReason) {
    this.stateReason = stateReason;
  }

  public String getStateUpdatedAt() {
    return stateUpdatedAt;
  }

  public void setStateUpdatedAt(String stateUpdatedAt) {
    this.stateUpdatedAt = stateUpdatedAt;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AlarmStatus other)) {
      return false;
    }
    return java.util.Objects.equals(name, other.name)
        && java.util.Objects.equals(alarmName, other.alarmName)
        && java.util.Objects.equals(arn, other.arn)
        && java.util.Objects.equals(state, other.state)
        && java.util.Objects.equals(stateReason, other.stateReason)
        && java.util.Objects.equals(stateUpdatedAt, other.stateUpdatedAt);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, alarmName, arn, state, stateReason, stateUpdatedAt);
  }

  @Override
  public String toString() {
    return "AlarmStatus{"
        + "name="
        + name
        + ", "
        + "alarmName="
        + alarmName
        + ", "
        + "arn="
        + arn
        + ", "
        + "state="
        + state
        + ", "
        + "stateReason="
        + stateReason
        + ", "
        + "stateUpdatedAt="
        + stateUpdatedAt
        + "}";
  }
}
