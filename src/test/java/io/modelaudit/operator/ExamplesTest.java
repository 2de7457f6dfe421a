package io.modelaudit.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.validation.SpecValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest in examples/ is a valid ModelAudit under the default operator policy. */
class ExamplesTest {

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsValid(Path file) throws IOException {
    ModelAudit audit = Serialization.unmarshal(Files.readString(file), ModelAudit.class);
    assertThat(audit.getApiVersion()).isEqualTo("modelaudit.io/v1alpha1");
    assertThat(audit.getMetadata().getName()).isNotBlank();
    assertThat(audit.getMetadata().getNamespace()).isNotBlank();
    assertThat(
            SpecValidator.validate(
                audit.getSpec(),
                audit.getMetadata().getNamespace(),
                audit.getMetadata().getName(),
                Fixtures.config()))
        .isEmpty();
  }
}
