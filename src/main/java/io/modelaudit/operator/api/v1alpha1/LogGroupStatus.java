package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The observed log group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
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

  public LogGroupStatus(String name, String arn, Integer retentionInDays) {
    this.name = name;
    this.arn = arn;
    this.retentionInDays = retentionInDays;
  }
}
