package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The observed log group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class LogGroupStatus {

  @JsonPropertyDescription("Log group name.")
  private String name;

  @JsonPropertyDescription("Log group ARN.")
  private String arn;

  @JsonPropertyDescription("Retention in days; absent when events never expire.")
  private Integer retentionInDays;
}
