package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Default notification targets of every alarm of a ModelAudit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NotificationsSpec {

  @JsonPropertyDescription(
      "SNS topic ARN that becomes the alarm and ok action of every alarm that does not list its"
          + " own.")
  @Size(max = 2048)
  @Pattern("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$")
  private String snsTopicArn;

  public String getSnsTopicArn() {
    return snsTopicArn;
  }

  public void setSnsTopicArn(String snsTopicArn) {
    this.snsTopicArn = snsTopicArn;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NotificationsSpec other)) {
      return false;
    }
    return java.util.Objects.equals(snsTopicArn, other.snsTopicArn);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(snsTopicArn);
  }

  @Override
  public String toString() {
    return "NotificationsSpec{" + "snsTopicArn=" + snsTopicArn + "}";
  }
}
