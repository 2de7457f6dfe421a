package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Identity of the audited model; becomes the tags modelaudit.io/model and model-version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelRef {

  @JsonPropertyDescription("Name of the audited model; tagged on the log group and alarms.")
  @Size(min = 1, max = 128)
  private String name;

  @JsonPropertyDescription("Version of the audited model; tagged on the log group and alarms.")
  @Size(min = 1, max = 128)
  private String version;

  public ModelRef() {}

  public ModelRef(String name, String version) {
    this.name = name;
    this.version = version;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelRef other
        && Objects.equals(name, other.name)
        && Objects.equals(version, other.version);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version);
  }
}
