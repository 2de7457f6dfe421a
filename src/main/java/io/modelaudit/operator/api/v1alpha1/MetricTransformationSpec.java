package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The metric a metric filter publishes for each matching event. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.dimensions) || size(self.dimensions) == 0 || !has(self.defaultValue)",
    message = "a metric with dimensions cannot have a defaultValue")
public class MetricTransformationSpec {

  @JsonPropertyDescription("Metric namespace, 1-255 characters without ':', '*' or '$'.")
  @Required
  @Size(min = 1, max = 255)
  @Pattern("^[^:*$]+$")
  private String namespace;

  @JsonPropertyDescription("Metric name, 1-255 characters without ':', '*' or '$'.")
  @Required
  @Size(min = 1, max = 255)
  @Pattern("^[^:*$]+$")
  private String name;

  @JsonPropertyDescription(
      "Value published for each match: a number such as \"1\" or a field reference such as"
          + " \"$.latency\".")
  @Required
  @Size(min = 1, max = 100)
  private String value;

  @JsonPropertyDescription(
      "Value published when no event matches in a period. Absent: nothing is published.")
  private Double defaultValue;

  @JsonPropertyDescription("Unit of the metric, one of CloudWatch's standard units.")
  @SchemaFrom(type = MetricUnit.class)
  private String unit;

  @JsonPropertyDescription(
      "Up to 3 dimensions: dimension name to a field reference such as $.model. Not with"
          + " defaultValue.")
  @Size(max = 3)
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

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public Double getDefaultValue() {
    return defaultValue;
  }

  public void setDefaultValue(Double defaultValue) {
    this.defaultValue = defaultValue;
  }

  public String getUnit() {
    return unit;
  }

  public void setUnit(String unit) {
    this.unit = unit;
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
    if (!(o instanceof MetricTransformationSpec other)) {
      return false;
    }
    return java.util.Objects.equals(namespace, other.namespace)
        && java.util.Objects.equals(name, other.name)
        && java.util.Objects.equals(value, other.value)
        && java.util.Objects.equals(defaultValue, other.defaultValue)
        && java.util.Objects.equals(unit, other.unit)
        && java.util.Objects.equals(dimensions, other.dimensions);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(namespace, name, value, defaultValue, unit, dimensions);
  }

  @Override
  public String toString() {
    return "MetricTransformationSpec{"
        + "namespace="
        + namespace
        + ", "
        + "name="
        + name
        + ", "
        + "value="
        + value
        + ", "
        + "defaultValue="
        + defaultValue
        + ", "
        + "unit="
        + unit
        + ", "
        + "dimensions="
        + dimensions
        + "}";
  }
}
