package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** ARNs an alarm notifies when it enters each state; at most 5 per state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlarmActionsSpec {

  private static final String ARN_RULE = "self.all(a, a.matches('^arn:aws[a-z-]*:[a-z0-9-]+:'))";
  private static final String ARN_MESSAGE = "each action must be an ARN";

  @JsonPropertyDescription(
      "ARNs run when the alarm enters ALARM (at most 5). Replaces the default SNS topic.")
  @Size(max = 5)
  @ValidationRule(value = ARN_RULE, message = ARN_MESSAGE)
  private List<@Size(max = 1024) String> alarm;

  @JsonPropertyDescription(
      "ARNs run when the alarm returns to OK (at most 5). Replaces the default SNS topic.")
  @Size(max = 5)
  @ValidationRule(value = ARN_RULE, message = ARN_MESSAGE)
  private List<@Size(max = 1024) String> ok;

  @JsonPropertyDescription("ARNs run when the alarm enters INSUFFICIENT_DATA (at most 5).")
  @Size(max = 5)
  @ValidationRule(value = ARN_RULE, message = ARN_MESSAGE)
  private List<@Size(max = 1024) String> insufficientData;

  public List<String> getAlarm() {
    return alarm;
  }

  public void setAlarm(List<String> alarm) {
    this.alarm = alarm;
  }

  public List<String> getOk() {
    return ok;
  }

  public void setOk(List<String> ok) {
    this.ok = ok;
  }

  public List<String> getInsufficientData() {
    return insufficientData;
  }

  public void setInsufficientData(List<String> insufficientData) {
    this.insufficientData = insufficientData;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AlarmActionsSpec other)) {
      return false;
    }
    return java.util.Objects.equals(alarm, other.alarm)
        && java.util.Objects.equals(ok, other.ok)
        && java.util.Objects.equals(insufficientData, other.insufficientData);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(alarm, ok, insufficientData);
  }

  @Override
  public String toString() {
    return "AlarmActionsSpec{"
        + "alarm="
        + alarm
        + ", "
        + "ok="
        + ok
        + ", "
        + "insufficientData="
        + insufficientData
        + "}";
  }
}
