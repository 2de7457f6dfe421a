package io.modelaudit.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's parts stay out of what ships: the jar built by {@code package} holds no sandbox, no
 * fake, no moto harness and no mock server, and the runtime classpath (which the container image is
 * built from) has none of the test-only libraries. Runs after {@code package}, which the pom points
 * it at through system properties.
 */
class ProductionJarIT {

  private static final List<String> FORBIDDEN_PACKAGES =
      List.of(
          "io/modelaudit/operator/sandbox/",
          "io/modelaudit/operator/fake/",
          "io/modelaudit/operator/moto/",
          "io/modelaudit/operator/support/",
          "io/fabric8/kubernetes/client/server/mock/",
          "io/fabric8/mockwebserver/");

  private static final List<String> TEST_ONLY_ARTIFACTS =
      List.of(
          "kubernetes-server-mock",
          "mockwebserver",
          "vertx-core",
          "kubernetes-httpclient-vertx",
          "junit-jupiter",
          "assertj-core",
          "awaitility",
          "luaj-jse",
          "jackson-dataformat-cbor");

  @Test
  void theJarHoldsTheOperatorAndNothingOfTheSandbox() throws IOException {
    Path jar = Path.of(requiredProperty("modelaudit.productionJar"));
    assertThat(jar).as("run after package").isRegularFile();

    List<String> entries;
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(ZipEntry::getName).toList();
    }

    assertThat(entries)
        .contains(
            "io/modelaudit/operator/Main.class",
            "io/modelaudit/operator/ModelAuditOperator.class",
            "io/modelaudit/operator/cloudwatch/aws/AwsCloudWatchGateways.class");
    assertThat(entries)
        .noneMatch(e -> FORBIDDEN_PACKAGES.stream().anyMatch(e::startsWith))
        .noneMatch(e -> e.endsWith("sandbox-logback.xml") || e.endsWith("logback-test.xml"));
  }

  @Test
  void theRuntimeClasspathHasNoTestOnlyLibrary() throws IOException {
    Path classpath = Path.of(requiredProperty("modelaudit.runtimeClasspath"));
    assertThat(classpath).as("written by maven-dependency-plugin at package").isRegularFile();

    List<String> jars =
        Arrays.stream(Files.readString(classpath).trim().split(File.pathSeparator))
            .map(p -> Path.of(p).getFileName().toString())
            .toList();

    assertThat(jars).anyMatch(j -> j.startsWith("operator-framework-core-"));
    assertThat(jars).anyMatch(j -> j.startsWith("cloudwatch-"));
    for (String artifact : TEST_ONLY_ARTIFACTS) {
      assertThat(jars).as(artifact).noneMatch(j -> j.startsWith(artifact + "-"));
    }
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    assertThat(value)
        .as("system property " + name + " (set by the failsafe configuration)")
        .isNotBlank();
    return value;
  }
}
