package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * What an adopted log group held before this ModelAudit adopted it (spec.adoptExisting): the
 * operator never removes any of it, under any deletion policy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
public class AdoptionStatus {

  @JsonPropertyDescription("The adopted log group.")
  private String logGroup;

  @JsonPropertyDescription(
      "Tag keys the log group had; the operator neither removes nor changes them unless spec.tags"
          + " sets the same key.")
  private List<String> tagKeys;

  @JsonPropertyDescription("Log streams that existed; never deleted by the operator.")
  private List<String> logStreams;

  @JsonPropertyDescription("Metric filters that existed; never deleted by the operator.")
  private List<String> metricFilters;

  @JsonPropertyDescription(
      "Subscription filters that existed; the operator never changes nor deletes them.")
  private List<String> subscriptionFilters;

  @JsonPropertyDescription(
      "The data protection policy document the log group had, if any; put back when the spec"
          + " drops dataProtection or the ModelAudit is deleted.")
  private String dataProtectionPolicy;

  @JsonPropertyDescription(
      "The field index policy document the log group had, if any; put back when the spec drops"
          + " logGroup.indexFields or the ModelAudit is deleted.")
  private String indexPolicy;

  public AdoptionStatus(String logGroup, List<String> tagKeys) {
    this.logGroup = logGroup;
    this.tagKeys = tagKeys;
  }
}
