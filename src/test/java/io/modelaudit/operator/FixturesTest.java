package io.modelaudit.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The fixtures stay one source: the seed fixture is the seed example, and every file parses. */
class FixturesTest {

  @Test
  void theSeedFixtureIsTheSeedExamplesSpec() {
    ModelAuditSpec example = Fixtures.example(Fixtures.SEED_EXAMPLE).getSpec();
    assertThat(Fixtures.spec(Fixtures.specText("seed"))).isEqualTo(example);
  }

  @Test
  void everySpecFixtureParsesAsASpec() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "fixtures"))) {
      assertThat(
              files
                  .map(f -> f.getFileName().toString().replace(".yaml", ""))
                  .map(name -> Fixtures.spec(Fixtures.specText(name))))
          .hasSizeGreaterThanOrEqualTo(6)
          .allSatisfy(spec -> assertThat(spec.getUnreadableFields()).isEmpty());
    }
  }
}
