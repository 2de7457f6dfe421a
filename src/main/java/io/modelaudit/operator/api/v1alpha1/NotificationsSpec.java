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
          + " own.")
  @Size(max = 2048)
  @Pattern("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$")
  private String snsTopicArn;
}
