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

  @JsonPropertyDescription(
      "KMS key the log group is encrypted with, as observed; absent when none. For an adopted log"
          + " group whose spec sets none, the key it was found with.")
  private String kmsKeyArn;

  @JsonPropertyDescription(
      "Whether deletion protection is on, as observed. For an adopted log group whose spec does"
          + " not set it, as it was found.")
  private Boolean deletionProtection;

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

  public String getKmsKeyArn() {
    return kmsKeyArn;
  }

  public void setKmsKeyArn(String kmsKeyArn) {
    this.kmsKeyArn = kmsKeyArn;
  }

  public Boolean getDeletionProtection() {
    return deletionProtection;
  }

  public void setDeletionProtection(Boolean deletionProtection) {
    this.deletionProtection = deletionProtection;
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
        && java.util.Objects.equals(retentionInDays, other.retentionInDays)
        && java.util.Objects.equals(kmsKeyArn, other.kmsKeyArn)
        && java.util.Objects.equals(deletionProtection, other.deletionProtection);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, arn, retentionInDays, kmsKeyArn, deletionProtection);
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
        + ", kmsKeyArn="
        + kmsKeyArn
        + ", deletionProtection="
        + deletionProtection
        + "}";
  }
}
