package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import lombok.Data;

/** Default notification targets of every alarm of a ModelAudit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class NotificationsSpec {

  @JsonPropertyDescription(
      "SNS topic ARN that becomes the alarm and ok action of every alarm that does not list its"
          + " own; a topic of the ModelAudit's region.")
  @Size(max = SpecRules.ARN_MAX_LENGTH)
  @Pattern(SpecRules.SNS_TOPIC_ARN_PATTERN)
  private String snsTopicArn;
}
