package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import lombok.Data;

/** A metric filter that turns matching log events into a CloudWatch metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class MetricFilterSpec {

  @JsonPropertyDescription(
      "Name of the filter, unique in this ModelAudit; also the filter's name in AWS. 1-"
          + SpecRules.NAME_MAX_LENGTH
          + " characters without ':' or '*'.")
  @Required
  @Size(min = 1, max = SpecRules.NAME_MAX_LENGTH)
  @Pattern(SpecRules.FILTER_NAME_PATTERN)
  private String name;

  @JsonPropertyDescription(
      "CloudWatch Logs filter pattern, at most "
          + SpecRules.FILTER_PATTERN_MAX_LENGTH
          + " characters, e.g. '{ $.level = \"ERROR\" }'. Empty matches every event.")
  @Required
  @Size(max = SpecRules.FILTER_PATTERN_MAX_LENGTH)
  private String pattern;

  @JsonPropertyDescription(
      "The metric the filter publishes. Two ModelAudits may not publish the same metric"
          + " (namespace, name and dimension names, in one region): the first to claim it keeps"
          + " it and the other is Stalled/MetricConflict.")
  @Required
  private MetricTransformationSpec metric;
}
