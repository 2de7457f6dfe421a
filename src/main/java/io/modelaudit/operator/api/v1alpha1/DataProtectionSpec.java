package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.Data;

/**
 * Masking of personal data in the log group's events: a CloudWatch Logs data protection policy that
 * the operator builds. It masks events ingested after it is set, not those already stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "(has(self.identifiers) && size(self.identifiers) > 0) || (has(self.customIdentifiers)"
            + " && size(self.customIdentifiers) > 0)",
    message = "dataProtection needs at least one identifier or custom identifier")
@Data
public class DataProtectionSpec {

  @JsonPropertyDescription(
      "AWS managed data identifiers to mask, by name: e.g. EmailAddress, CreditCardNumber,"
          + " Address, Name, AwsSecretKey, IpAddress, or with a country code such as Ssn-US or"
          + " PassportNumber-GB. The full list is in docs/compliance.md.")
  @Size(max = SpecRules.IDENTIFIERS_MAX)
  @ValidationRule(
      value = "self.all(i, self.exists_one(j, j == i))",
      message = "identifiers must be unique")
  private List<@Size(max = SpecRules.IDENTIFIER_NAME_MAX_LENGTH) String> identifiers;

  @JsonPropertyDescription(
      "Custom data identifiers: names and regular expressions (at most "
          + SpecRules.CUSTOM_IDENTIFIERS_MAX
          + ").")
  @Size(max = SpecRules.CUSTOM_IDENTIFIERS_MAX)
  @ValidationRule(
      value = "self.all(c, self.exists_one(d, d.name == c.name))",
      message = "custom identifier names must be unique")
  private List<CustomIdentifierSpec> customIdentifiers;

  @JsonPropertyDescription(
      "Where the audit findings go: a log group, a Firehose delivery stream and/or an S3 bucket."
          + " Absent: findings are only counted in CloudWatch metrics.")
  private FindingsSpec findings;
}
