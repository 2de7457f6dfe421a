package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * Where CloudWatch Logs sends the audit findings of masking (which identifiers it found, where).
 * Each destination must exist; the operator does not create them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class FindingsSpec {

  @JsonPropertyDescription(
      "Log group that receives the findings; it must exist and follow the operator's log group"
          + " prefix (by default /modelaudit/<namespace>/).")
  @Size(min = 1, max = SpecRules.LOG_GROUP_NAME_MAX_LENGTH)
  @Pattern(SpecRules.LOG_GROUP_NAME_PATTERN)
  private String logGroup;

  @JsonPropertyDescription(
      "Firehose delivery stream that receives the findings; by default its name must start with"
          + " modelaudit.<namespace>.")
  @Pattern(SpecRules.FIREHOSE_STREAM_NAME_PATTERN)
  private String firehoseDeliveryStream;

  @JsonPropertyDescription(
      "S3 bucket that receives the findings; by default its name must start with"
          + " modelaudit.<namespace>.")
  @Pattern(SpecRules.S3_BUCKET_NAME_PATTERN)
  private String s3Bucket;
}
