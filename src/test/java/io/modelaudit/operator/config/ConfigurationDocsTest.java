package io.modelaudit.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modelaudit.operator.connection.ConnectionDetails;
import io.modelaudit.operator.moto.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The places that name the operator's settings agree with {@link Settings}: the generated tables in
 * docs/configuration.md and the README, the Deployment's env, deploy/README.md and logback.xml. Run
 * with {@code -Dconfig.docs.update=true} to rewrite the generated tables after changing a
 * declaration.
 */
class ConfigurationDocsTest {

  private static final Path REFERENCE = Path.of("docs", "configuration.md");
  private static final List<Path> GENERATED_IN = List.of(REFERENCE, Path.of("README.md"));
  private static final Path DEPLOYMENT = Path.of("deploy", "deployment.yaml");
  private static final Path DEPLOY_README = Path.of("deploy", "README.md");
  private static final Path LOGBACK = Path.of("src", "main", "resources", "logback.xml");

  /** A generated table: the begin marker may name the settings it shows (default: every one). */
  private static final Pattern BLOCK =
      Pattern.compile(
          "(<!-- settings:begin([^>]*?)-->\\n)(.*?)(<!-- settings:end -->)", Pattern.DOTALL);

  private static final Pattern VARIABLE = Pattern.compile("\\bMODELAUDIT_[A-Z0-9_]+");

  @Test
  void generatedTablesMatchTheDeclarations() throws IOException {
    if (Boolean.getBoolean("config.docs.update")) {
      for (Path file : GENERATED_IN) {
        Files.writeString(file, withGeneratedTables(Files.readString(file)));
      }
    }
    for (Path file : GENERATED_IN) {
      String text = Files.readString(file);
      assertThat(text)
          .as(
              "%s: a settings table differs from the declarations in Settings; run ./mvnw -q test"
                  + " -Dtest=ConfigurationDocsTest -Dconfig.docs.update=true",
              file)
          .isEqualTo(withGeneratedTables(text));
    }
  }

  @Test
  void theReferenceHasOneTableOfEverySetting() throws IOException {
    List<String> blocks = tables(Files.readString(REFERENCE));

    assertThat(blocks).hasSize(1);
    for (Setting<?> setting : Settings.ALL) {
      assertThat(blocks.get(0)).contains("| `" + setting.variable() + "` |");
    }
  }

  @Test
  void aTableRowShowsTheVariableItsDefaultAndItsMeaning() {
    assertThat(table(List.of(Settings.REGION, Settings.RESYNC_INTERVAL, Settings.LEASE_NAMESPACE)))
        .isEqualTo(
            """
            | variable | default | meaning |
            |---|---|---|
            | `AWS_REGION` | `AWS_DEFAULT_REGION`, else `us-east-1` | region of ModelAudits \
            without `spec.region` |
            | `MODELAUDIT_RESYNC_INTERVAL` | `24h` | each ModelAudit is also read from AWS in full \
            (tags and log streams included) once per this interval, spread evenly |
            | `MODELAUDIT_LEASE_NAMESPACE` | `POD_NAMESPACE`, else the client's namespace | \
            namespace of the Lease |
            """);
  }

  @Test
  void theDeploymentSetsEverySettingAndNothingElse() throws IOException {
    Deployment deployment = Serialization.unmarshal(Files.readString(DEPLOYMENT), Deployment.class);
    List<String> env =
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .map(EnvVar::getName)
            .toList();

    assertThat(env).doesNotHaveDuplicates().containsAll(variables());
    assertThat(env)
        .as("variables of %s that no setting reads", DEPLOYMENT)
        .allSatisfy(name -> assertThat(Settings.named(name)).as(name).isPresent());
  }

  @Test
  void deployReadmeListsEverySetting() throws IOException {
    String text = Files.readString(DEPLOY_README);

    assertThat(variables())
        .as("settings missing from %s", DEPLOY_README)
        .allSatisfy(variable -> assertThat(text).contains("`" + variable + "`"));
  }

  @Test
  void logbackReadsExactlyItsSettingsWithTheDeclaredDefaults() throws IOException {
    Matcher m = Pattern.compile("\\$\\{(\\w+):-([^}]*)}").matcher(Files.readString(LOGBACK));
    Map<String, String> read = new LinkedHashMap<>();
    while (m.find()) {
      read.put(m.group(1), m.group(2));
    }
    Map<String, String> declared = new LinkedHashMap<>();
    Settings.ALL.stream()
        .filter(Setting::isReadByLogback)
        .forEach(s -> declared.put(s.variable(), s.defaultText()));

    assertThat(read).isEqualTo(declared);
  }

  @Test
  void noPageNamesAVariableThatIsNotDeclared() throws IOException {
    Set<String> known = new TreeSet<>(Set.of(MotoServer.REQUIRE_VARIABLE));
    Settings.ALL.forEach(s -> known.addAll(s.names()));
    // what the operator writes for model pods, not what it reads
    known.addAll(ConnectionDetails.ENVIRONMENT);
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), DEPLOY_README, DEPLOYMENT));
    pages.add(LOGBACK);
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }

    for (Path page : pages) {
      Matcher m = VARIABLE.matcher(Files.readString(page));
      Set<String> unknown = new TreeSet<>();
      while (m.find()) {
        if (!known.contains(m.group())) {
          unknown.add(m.group());
        }
      }
      assertThat(unknown).as("variables named in %s that no setting declares", page).isEmpty();
    }
  }

  private static List<String> variables() {
    return Settings.ALL.stream().map(Setting::variable).toList();
  }

  private static List<String> tables(String text) {
    Matcher m = BLOCK.matcher(text);
    List<String> tables = new ArrayList<>();
    while (m.find()) {
      tables.add(m.group(3));
    }
    return tables;
  }

  /** The text with every settings table rewritten from the declarations. */
  private static String withGeneratedTables(String text) {
    return BLOCK
        .matcher(text)
        .replaceAll(
            m -> Matcher.quoteReplacement(m.group(1) + table(selected(m.group(2))) + m.group(4)));
  }

  private static List<Setting<?>> selected(String names) {
    if (names.isBlank()) {
      return Settings.ALL;
    }
    return Arrays.stream(names.trim().split("\\s+"))
        .<Setting<?>>map(
            name ->
                Settings.named(name)
                    .orElseThrow(() -> new AssertionError("settings table names unknown " + name)))
        .toList();
  }

  /** The Markdown table of these settings: variable, default, meaning. */
  static String table(List<Setting<?>> settings) {
    StringBuilder table = new StringBuilder("| variable | default | meaning |\n|---|---|---|\n");
    for (Setting<?> s : settings) {
      String shownDefault =
          s.fallbacks().stream().map(f -> "`" + f + "`, else ").collect(Collectors.joining())
              + s.shownDefault();
      table
          .append("| `")
          .append(s.variable())
          .append("` | ")
          .append(cell(shownDefault))
          .append(" | ")
          .append(cell(s.description()))
          .append(" |\n");
    }
    return table.toString();
  }

  private static String cell(String markdown) {
    return markdown.replace("|", "\\|");
  }
}
