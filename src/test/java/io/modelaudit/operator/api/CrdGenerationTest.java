package io.modelaudit.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generates the CRD from the Java API classes and checks that the checked-in copy in crds/ is
 * exactly that. Run with {@code -Dcrd.update=true} to rewrite the checked-in copy after changing
 * the API.
 */
class CrdGenerationTest {

  private static final String FILE = "modelaudits.modelaudit.io-v1.yml";

  /** The cluster-scoped account mapping's CRD. */
  private static final String ACCOUNTS_FILE = "modelauditaccounts.modelaudit.io-v1.yml";

  private static final Path GENERATED_DIR = Path.of("target", "generated-crd");
  private static final Path CHECKED_IN = Path.of("crds", FILE);

  @BeforeAll
  static void generate() throws IOException {
    Files.createDirectories(GENERATED_DIR);
    new CRDGenerator()
        .customResourceClasses(ModelAudit.class, ModelAuditAccount.class)
        .forCRDVersions("v1")
        .withPostProcessor(
            new CRDPostProcessor() {
              @Override
              public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
                return printerColumnsInDeclaredOrder(crd);
              }
            })
        .inOutputDir(GENERATED_DIR.toFile())
        .generate();
    if (Boolean.getBoolean("crd.update")) {
      Files.copy(GENERATED_DIR.resolve(FILE), CHECKED_IN, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          GENERATED_DIR.resolve(ACCOUNTS_FILE),
          Path.of("crds", ACCOUNTS_FILE),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The generator sorts printer columns by JSON path; kubectl shows them in list order, so put them
   * back in the order the annotations declare (READY, ALARM, LOG GROUP, RETENTION, AGE).
   */
  private static HasMetadata printerColumnsInDeclaredOrder(HasMetadata crd) {
    Class<?> kind =
        crd.getMetadata().getName().startsWith("modelauditaccounts.")
            ? ModelAuditAccount.class
            : ModelAudit.class;
    List<String> declared =
        Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    for (CustomResourceDefinitionVersion v :
        ((CustomResourceDefinition) crd).getSpec().getVersions()) {
      if (v.getAdditionalPrinterColumns() != null) {
        v.getAdditionalPrinterColumns()
            .sort(
                Comparator.comparingInt(
                    (CustomResourceColumnDefinition c) -> declared.indexOf(c.getName())));
      }
    }
    return crd;
  }

  @Test
  void checkedInCrdMatchesTheGeneratedOne() throws IOException {
    assertThat(Files.readString(CHECKED_IN))
        .as(
            "crds/%s differs from the CRD generated from the API classes; run ./mvnw test"
                + " -Dtest=CrdGenerationTest -Dcrd.update=true",
            FILE)
        .isEqualTo(Files.readString(GENERATED_DIR.resolve(FILE)));
  }

  @Test
  void checkedInAccountCrdMatchesTheGeneratedOne() throws IOException {
    assertThat(Files.readString(Path.of("crds", ACCOUNTS_FILE)))
        .as(
            "crds/%s differs from the CRD generated from the API classes; run ./mvnw test"
                + " -Dtest=CrdGenerationTest -Dcrd.update=true",
            ACCOUNTS_FILE)
        .isEqualTo(Files.readString(GENERATED_DIR.resolve(ACCOUNTS_FILE)));
  }

  @Test
  void accountCrdIsClusterScopedWithoutStatus() throws IOException {
    assertThat(Files.readString(Path.of("crds", ACCOUNTS_FILE)))
        .contains("scope: \"Cluster\"")
        .contains("kind: \"ModelAuditAccount\"")
        .doesNotContain("subresources");
  }

  @Test
  void printerColumnsAreInTheDocumentedOrder() throws IOException {
    String crd = Files.readString(GENERATED_DIR.resolve(FILE));
    List<Integer> positions =
        List.of("Ready", "Alarm", "Log Group", "Retention", "Age").stream()
            .map(name -> crd.indexOf("name: \"" + name + "\""))
            .toList();
    assertThat(positions).doesNotContain(-1).isSorted();
  }

  @Test
  void crdCarriesShortNamesCategoriesCelRulesAndStatusSubresource() throws IOException {
    assertThat(Files.readString(CHECKED_IN))
        .contains("- \"maudit\"")
        .contains("- \"audit\"")
        .contains("x-kubernetes-validations")
        .contains("rule: \"self == oldSelf\"")
        .contains("subresources:\n      status: {}");
  }
}
