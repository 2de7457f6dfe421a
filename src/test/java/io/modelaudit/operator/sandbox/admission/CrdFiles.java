package io.modelaudit.operator.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modelaudit.operator.HostileCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The checked-in CRD, the examples and the hostile corpus, as the admission tests read them. */
final class CrdFiles {

  static final Path CRD = Path.of("crds", "modelaudits.modelaudit.io-v1.yml");
  static final Path EXAMPLES = Path.of("examples");
  private static final YAMLMapper YAML = new YAMLMapper();

  private CrdFiles() {}

  static JsonNode crd() {
    return read(CRD);
  }

  /** The {@code openAPIV3Schema} of the CRD's only version. */
  static JsonNode schema() {
    return crd().path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
  }

  static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> examples() {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A ModelAudit whose content (spec) is the hostile case's. */
  static ObjectNode resource(HostileCorpus.Case hostile) {
    ObjectNode resource = YAML.createObjectNode();
    resource.put("apiVersion", "modelaudit.io/v1alpha1");
    resource.put("kind", "ModelAudit");
    resource.putObject("metadata").put("name", hostile.name()).put("namespace", "hostile");
    resource.setAll(hostile.content());
    return resource;
  }
}
