package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** A CloudWatch metric an alarm watches directly. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlarmMetricSpec {

  @JsonPropertyDescription("Metric namespace, 1-255 characters without ':'.")
  @Required
  @Size(min = 1, max = 255)
  @Pattern("^[^:]+$")
  private String namespace;

  @JsonPropertyDescription("Metric name, 1-255 characters.")
  @Required
  @Size(min = 1, max = 255)
  private String name;

  @JsonPropertyDescription("Metric dimensions, name to value; at most 30.")
  @Size(max = 30)
  private Map<String, String> dimensions;

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Map<String, String> getDimensions() {
    return dimensions;
  }

  public void setDimensions(Map<String, String> dimensions) {
    this.dimensions = dimensions;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AlarmMetricSpec other)) {
      return false;
    }
    return java.util.Objects.equals(namespace, other.namespace)
        && java.util.Objects.equals(name, other.name)
        && java.util.Objects.equals(dimensions, other.dimensions);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(namespace, name, dimensions);
  }

  @Override
  public String toString() {
    return "AlarmMetricSpec{"
        + "namespace="
        + namespace
        + ", "
        + "name="
        + name
        + ", "
        + "dimensions="
        + dimensions
        + "}";
  }
}
