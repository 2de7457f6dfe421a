package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** The CloudWatch Logs log group of a ModelAudit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(oldSelf.name) || has(self.name)",
    message = "spec.logGroup.name is immutable: it cannot be removed once set")
@ValidationRule(
    value = "!has(oldSelf.class) || has(self.class)",
    message = "spec.logGroup.class is immutable: it cannot be removed once set")
@Data
public class LogGroupSpec {

  /** Retention periods CloudWatch Logs accepts, in days. */
  public static final java.util.List<Integer> ALLOWED_RETENTION_DAYS =
      java.util.List.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  @JsonPropertyDescription(
      "Log group name: 1-512 of a-z A-Z 0-9 _ - / . #. Immutable. Default:"
          + " /modelaudit/<namespace>/<name>. By default it must start with"
          + " /modelaudit/<namespace>/.")
  @Size(min = 1, max = 512)
  @Pattern("^[.\\-_/#A-Za-z0-9]+$")
  @ValidationRule(value = "self == oldSelf", message = "spec.logGroup.name is immutable")
  private String name;

  @JsonPropertyDescription(
      "Days to keep events: one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,"
          + " 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653. Absent: never expire.")
  @ValidationRule(
      value =
          "self in [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,"
              + " 2192, 2557, 2922, 3288, 3653]",
      message = "retentionInDays must be one of CloudWatch's retention values")
  private Integer retentionInDays;

  @JsonPropertyDescription("ARN of the KMS key that encrypts the log group's data.")
  @Size(max = 2048)
  @Pattern("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$")
  private String kmsKeyArn;

  @JsonProperty("class")
  @JsonPropertyDescription(
      "Log group class: STANDARD (default) or INFREQUENT_ACCESS (no metric filters). Immutable.")
  @SchemaFrom(type = LogGroupClass.class)
  @ValidationRule(value = "self == oldSelf", message = "spec.logGroup.class is immutable")
  private String logGroupClass;

  @JsonPropertyDescription(
      "Protect the log group from deletion in AWS. Default false. While true, deletionPolicy"
          + " Delete keeps the log group.")
  private Boolean deletionProtection;
}
