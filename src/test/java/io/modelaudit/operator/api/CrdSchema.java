package io.modelaudit.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The OpenAPI schema of the checked-in CRD, for tests that hold other artifacts against it. */
public final class CrdSchema {

  /** The CRD in crds/, which CrdGenerationTest keeps equal to the one the API classes generate. */
  public static final Path CHECKED_IN = Path.of("crds", "modelaudits.modelaudit.io-v1.yml");

  private CrdSchema() {}

  /** The schema of {@code spec} in the CRD's only version. */
  public static JsonNode spec() {
    return root().path("properties").path("spec");
  }

  /** The whole {@code openAPIV3Schema} of the CRD's only version. */
  public static JsonNode root() {
    try {
      JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(CHECKED_IN.toFile());
      JsonNode versions = crd.path("spec").path("versions");
      if (versions.size() != 1) {
        throw new IllegalStateException(CHECKED_IN + " should serve exactly one version");
      }
      return versions.get(0).path("schema").path("openAPIV3Schema");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
