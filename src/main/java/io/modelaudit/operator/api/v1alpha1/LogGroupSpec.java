package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.Data;

/** The CloudWatch Logs log group of a ModelAudit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(oldSelf.name) || has(self.name)",
    message = "spec.logGroup.name is immutable: it cannot be removed once set")
@ValidationRule(
    value = "!has(oldSelf.class) || has(self.class)",
    message = "spec.logGroup.class is immutable: it cannot be removed once set")
@ValidationRule(
    value =
        "!has(self.class) || self.class != 'INFREQUENT_ACCESS' || !has(self.indexFields) ||"
            + " size(self.indexFields) == 0",
    message = "an INFREQUENT_ACCESS log group cannot have index fields")
@Data
public class LogGroupSpec {

  @JsonPropertyDescription(
      "Log group name: 1-"
          + SpecRules.LOG_GROUP_NAME_MAX_LENGTH
          + " of a-z A-Z 0-9 _ - / . #. Immutable. Default:"
          + " /modelaudit/<namespace>/<name>. By default it must start with"
          + " /modelaudit/<namespace>/.")
  @Size(min = 1, max = SpecRules.LOG_GROUP_NAME_MAX_LENGTH)
  @Pattern(SpecRules.LOG_GROUP_NAME_PATTERN)
  @ValidationRule(value = "self == oldSelf", message = "spec.logGroup.name is immutable")
  private String name;

  @JsonPropertyDescription(
      "Days to keep events: one of " + SpecRules.RETENTION_DAYS + ". Absent: never expire.")
  @ValidationRule(
      value = SpecRules.RETENTION_RULE,
      message = "retentionInDays must be one of CloudWatch's retention values")
  private Integer retentionInDays;

  @JsonPropertyDescription(
      "ARN of the KMS key that encrypts the log group's data; a key of the ModelAudit's region.")
  @Size(max = SpecRules.ARN_MAX_LENGTH)
  @Pattern(SpecRules.KMS_KEY_ARN_PATTERN)
  private String kmsKeyArn;

  @JsonProperty("class")
  @JsonPropertyDescription(
      "Log group class: STANDARD (default) or INFREQUENT_ACCESS (no metric filters). Immutable.")
  @SchemaFrom(type = LogGroupClass.class)
  @ValidationRule(value = "self == oldSelf", message = "spec.logGroup.class is immutable")
  private String logGroupClass;

  @JsonPropertyDescription(
      "Protect the log group from deletion in AWS. Default false. While true, AWS refuses to"
          + " delete the group and its streams, so deletionPolicy Delete keeps them.")
  private Boolean deletionProtection;

  @JsonPropertyDescription(
      "Fields to index (a field index policy), so that queries on them scan less, e.g."
          + " gen_ai.conversation.id or request_id: at most "
          + SpecRules.INDEX_FIELDS_MAX
          + ", each 1-"
          + SpecRules.INDEX_FIELD_MAX_LENGTH
          + " characters. Only for class STANDARD.")
  @Size(max = SpecRules.INDEX_FIELDS_MAX)
  @ValidationRule(
      value = "self.all(f, self.exists_one(g, g == f))",
      message = "index fields must be unique")
  private List<@Size(min = 1, max = SpecRules.INDEX_FIELD_MAX_LENGTH) String> indexFields;
}
