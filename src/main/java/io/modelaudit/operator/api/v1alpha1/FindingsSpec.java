package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
  private String logGroup;

  @JsonPropertyDescription(
      "Firehose delivery stream that receives the findings; by default its name must start with"
          + " modelaudit.<namespace>.")
  private String firehoseDeliveryStream;

  @JsonPropertyDescription(
      "S3 bucket that receives the findings; by default its name must start with"
          + " modelaudit.<namespace>.")
  private String s3Bucket;
}
