package io.modelaudit.operator;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one source of test fixtures: the examples in examples/, and the named specs in
 * src/test/resources/fixtures/ (one YAML file each), read here.
 */
public final class Fixtures {

  /** The seed program's case, as shipped in examples/. */
  public static final Path SEED_EXAMPLE = Path.of("examples", "01-seed-fraud-detector.yaml");

  /** The richer example: several filters and alarms, KMS, tags, deletionPolicy Delete. */
  public static final Path RICH_EXAMPLE = Path.of("examples", "02-llm-gateway-full.yaml");

  /**
   * A ModelAudit spec with one of each part (group, stream, filter, alarm, topic, tags) and
   * deletionPolicy Retain, for scenario tests that edit it.
   */
  public static final String STANDARD_SPEC = specText("standard");

  private Fixtures() {}

  /** The text of the named spec fixture, src/test/resources/fixtures/NAME.yaml. */
  public static String specText(String name) {
    String resource = "/fixtures/" + name + ".yaml";
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no spec fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelAudit example(Path path) {
    try {
      return Serialization.unmarshal(Files.readString(path), ModelAudit.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelAuditSpec spec(String yaml) {
    return Serialization.unmarshal(yaml, ModelAuditSpec.class);
  }

  public static ModelAudit resource(String namespace, String name, String specYaml) {
    ModelAudit audit = new ModelAudit();
    audit.getMetadata().setNamespace(namespace);
    audit.getMetadata().setName(name);
    audit.setSpec(spec(specYaml));
    return audit;
  }
}
