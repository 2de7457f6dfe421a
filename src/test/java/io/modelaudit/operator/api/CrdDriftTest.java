package io.modelaudit.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checked-in CRD must be exactly what the build generates from the Java API classes. */
class CrdDriftTest {

  private static final String FILE = "modelaudits.modelaudit.io-v1.yml";
  private static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8", FILE);
  private static final Path CHECKED_IN = Path.of("crds", FILE);

  @Test
  void checkedInCrdMatchesTheGeneratedOne() throws IOException {
    assertThat(GENERATED).as("the build generates the CRD").exists();
    assertThat(Files.readString(CHECKED_IN))
        .as(
            "crds/%s differs from the CRD generated from the API classes; run ./mvnw"
                + " process-classes && cp %s crds/",
            FILE, GENERATED)
        .isEqualTo(Files.readString(GENERATED));
  }

  @Test
  void crdCarriesPrinterColumnsCelRulesAndStatusSubresource() throws IOException {
    String crd = Files.readString(CHECKED_IN);
    assertThat(crd)
        .contains("name: \"Ready\"")
        .contains("name: \"Alarm\"")
        .contains("name: \"Log Group\"")
        .contains("name: \"Retention\"")
        .contains("name: \"Age\"")
        .contains("- \"maudit\"")
        .contains("- \"audit\"")
        .contains("x-kubernetes-validations")
        .contains("rule: \"self == oldSelf\"")
        .contains("subresources:\n      status: {}");
  }
}
