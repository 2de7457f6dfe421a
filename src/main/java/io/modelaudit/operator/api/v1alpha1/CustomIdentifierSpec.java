package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A custom data identifier: data to mask that a regular expression finds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
public class CustomIdentifierSpec {

  @JsonPropertyDescription(
      "Name of the identifier, unique here and not a managed identifier's name: 1-"
          + SpecRules.CUSTOM_IDENTIFIER_NAME_MAX_LENGTH
          + " of a-z A-Z 0-9 _ -.")
  @Required
  @Size(min = 1, max = SpecRules.CUSTOM_IDENTIFIER_NAME_MAX_LENGTH)
  @Pattern(SpecRules.CUSTOM_IDENTIFIER_NAME_PATTERN)
  private String name;

  @JsonPropertyDescription(
      "Regular expression of the data to mask, e.g. 'EmployeeID-\\\\d{9}': 1-"
          + SpecRules.CUSTOM_IDENTIFIER_REGEX_MAX_LENGTH
          + " characters, only "
          + SpecRules.CUSTOM_IDENTIFIER_REGEX_CHARACTERS
          + " (AWS allows no parentheses).")
  @Required
  @Size(min = 1, max = SpecRules.CUSTOM_IDENTIFIER_REGEX_MAX_LENGTH)
  @Pattern(SpecRules.CUSTOM_IDENTIFIER_REGEX_PATTERN)
  private String regex;
}
