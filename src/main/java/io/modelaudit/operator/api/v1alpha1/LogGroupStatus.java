package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The observed log group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LogGroupStatus {

  @JsonPropertyDescription("Log group name.")
  private String name;

  @JsonPropertyDescription("Log group ARN.")
  private String arn;

  @JsonPropertyDescription("Retention in days; absent when events never expire.")
  private Integer retentionInDays;

  public LogGroupStatus() {}

  public LogGroupStatus(String name, String arn, Integer retentionInDays) {
    this.name = name;
    this.arn = arn;
    this.retentionInDays = retentionInDays;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getArn() {
    return arn;
  }

  public void setArn(String arn) {
    this.arn = arn;
  }

  public Integer getRetentionInDays() {
    return retentionInDays;
  }

  public void setRetentionInDays(Integer retentionInDays) {
    this.retentionInDays = retentionInDays;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LogGroupStatus other)) {
      return false;
    }
    return java.util.Objects.equals(name, other.name)
        && java.util.Objects.equals(arn, other.arn)
        && java.util.Objects.equals(retentionInDays, other.retentionInDays);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, arn, retentionInDays);
  }

  @Override
  public String toString() {
    return "LogGroupStatus{"
        + "name="
        + name
        + ", "
        + "arn="
        + arn
        + ", "
        + "retentionInDays="
        + retentionInDays
        + "}";
  }
}
