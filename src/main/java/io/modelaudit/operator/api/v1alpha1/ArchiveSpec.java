package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/**
 * One subscription filter that copies the log group's events to a long-term archive or a SIEM: a
 * Firehose delivery stream (to S3), a Kinesis stream, a Lambda function or a cross-account
 * CloudWatch Logs destination.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!self.destinationArn.matches(':(firehose|kinesis):') || has(self.roleArn)",
    message = "roleArn is required for a Firehose or Kinesis destination")
@ValidationRule(
    value = "self.destinationArn.matches(':(firehose|kinesis):') || !has(self.roleArn)",
    message = "roleArn must be absent for a Lambda function or CloudWatch Logs destination")
@Data
public class ArchiveSpec {

  @JsonPropertyDescription(
      "Name of the subscription filter, unique in this ModelAudit; also its name in AWS. 1-"
          + SpecRules.NAME_MAX_LENGTH
          + " characters without ':' or '*'.")
  @Required
  @Size(min = 1, max = SpecRules.NAME_MAX_LENGTH)
  @Pattern(SpecRules.FILTER_NAME_PATTERN)
  private String name;

  @JsonPropertyDescription(
      "Filter pattern of the events to copy, at most "
          + SpecRules.FILTER_PATTERN_MAX_LENGTH
          + " characters. Absent or empty: every event.")
  @Size(max = SpecRules.FILTER_PATTERN_MAX_LENGTH)
  private String pattern;

  @JsonPropertyDescription(
      "ARN of the destination: a Firehose delivery stream, Kinesis stream, Lambda function or"
          + " CloudWatch Logs destination. It must exist, and the operator's policy must allow it"
          + " for this namespace.")
  @Required
  @Size(max = SpecRules.ARN_MAX_LENGTH)
  @Pattern(SpecRules.ARCHIVE_DESTINATION_ARN_PATTERN)
  private String destinationArn;

  @JsonPropertyDescription(
      "ARN of the IAM role CloudWatch Logs assumes to write to a Firehose or Kinesis stream"
          + " (required for those, not used for Lambda or a CloudWatch Logs destination). The"
          + " operator's policy must allow it for this namespace.")
  @Size(max = SpecRules.ARN_MAX_LENGTH)
  @Pattern(SpecRules.ROLE_ARN_PATTERN)
  private String roleArn;

  @JsonPropertyDescription(
      "How events spread over a Kinesis stream's shards: ByLogStream (default) or Random.")
  @SchemaFrom(type = Distribution.class)
  private String distribution;
}
