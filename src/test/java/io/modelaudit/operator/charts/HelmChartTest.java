package io.modelaudit.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.config.Settings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Helm chart, through real Helm (helm-java embeds Helm's own Go library): lint, the default
 * render against the kustomize base, every operator setting reachable from the values, the values
 * schema refusing bad values, and one source for the CRDs. Kept to a few Helm calls: each loads and
 * renders the chart in Helm itself.
 */
class HelmChartTest {

  static final Path CHART = Path.of("charts", "modelaudit-operator");
  private static final String RELEASE = "modelaudit-operator";
  private static final String NAMESPACE = "modelaudit-system";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Settings no value sets: the pod's own metadata, through the downward API. */
  private static final Set<String> FROM_THE_POD = Set.of("POD_NAME", "POD_NAMESPACE");

  /**
   * How each setting is reached from the values: the value set in the edited render, and what the
   * operator must then see in its environment. A setting missing here fails {@link
   * #everySettingIsReachableFromTheValues}.
   */
  private static final Map<String, String[]> EDITED =
      Map.ofEntries(
          edit("AWS_REGION", "region", "eu-west-1", "eu-west-1"),
          edit("MODELAUDIT_EXTRA_REGIONS", "extraRegions", "[xy-north-1]", "xy-north-1"),
          edit("MODELAUDIT_REGION_IDLE_TIMEOUT", "intervals.regionIdleTimeout", "30m", "30m"),
          edit("MODELAUDIT_NAMESPACES", "watchNamespaces", "[ml-prod, ml-dev]", "ml-prod,ml-dev"),
          edit("MODELAUDIT_SELECTOR", "selector", "shard=a", "shard=a"),
          edit("MODELAUDIT_ACCOUNT_MAPPING", "accountMapping.mode", "required", "required"),
          edit("MODELAUDIT_CLUSTER_NAME", "clusterName", "prod-eu", "prod-eu"),
          edit("MODELAUDIT_ALARM_STATE_INTERVAL", "intervals.alarmState", "30s", "30s"),
          edit("MODELAUDIT_DRIFT_CHECK_INTERVAL", "intervals.driftCheck", "10m", "10m"),
          edit("MODELAUDIT_RESYNC_INTERVAL", "intervals.resync", "12h", "12h"),
          edit(
              "MODELAUDIT_RATE_LIMITS",
              "rateLimits",
              "{PutMetricAlarm: 2, DescribeAlarms: 4.5}",
              "DescribeAlarms=4.5,PutMetricAlarm=2"),
          edit("MODELAUDIT_RECONCILE_THREADS", "reconcileThreads", "20", "20"),
          edit("MODELAUDIT_LOG_GROUP_PREFIX", "tenancy.logGroupPrefix", "/audit/", "/audit/"),
          edit(
              "MODELAUDIT_ALLOWED_ACTION_ARNS",
              "tenancy.allowedActionArns",
              "['^arn:aws:sns:.+$', '^arn:aws:lambda:.+$']",
              "^arn:aws:sns:.+$,^arn:aws:lambda:.+$"),
          edit(
              "MODELAUDIT_ALLOWED_ARCHIVE_DESTINATIONS",
              "tenancy.allowedArchiveDestinations",
              "['^arn:aws:firehose:.+$']",
              "^arn:aws:firehose:.+$"),
          edit(
              "MODELAUDIT_ALLOWED_ARCHIVE_ROLES",
              "tenancy.allowedArchiveRoles",
              "['^arn:aws:iam::[0-9]{12}:role/a$', '^arn:aws:iam::[0-9]{12}:role/b$']",
              "^arn:aws:iam::[0-9]{12}:role/a$,^arn:aws:iam::[0-9]{12}:role/b$"),
          edit(
              "MODELAUDIT_FINDINGS_NAME_PREFIX",
              "tenancy.findingsNamePrefix",
              "audit.{namespace}.",
              "audit.{namespace}."),
          edit(
              "MODELAUDIT_ALARM_METRIC_NAMESPACES",
              "tenancy.alarmMetricNamespaces",
              "['AWS/Lambda', 'Team/{namespace}']",
              "AWS/Lambda,Team/{namespace}"),
          edit("MODELAUDIT_ALARM_NAME_PREFIX", "tenancy.alarmNamePrefix", "audit", "audit"),
          edit("MODELAUDIT_RETRY_INITIAL_DELAY", "retry.initialDelay", "1s", "1s"),
          edit("MODELAUDIT_RETRY_MAX_DELAY", "retry.maxDelay", "2m", "2m"),
          edit("MODELAUDIT_HTTP_PORT", "httpPort", "9090", "9090"),
          edit("MODELAUDIT_LEADER_ELECTION", "leaderElection.enabled", "false", "false"),
          edit("MODELAUDIT_LEASE_NAMESPACE", "leaderElection.leaseNamespace", "leases", "leases"),
          edit("MODELAUDIT_LOG_FORMAT", "logging.format", "text", "text"),
          edit("MODELAUDIT_LOG_LEVEL", "logging.level", "DEBUG", "DEBUG"));

  private static Map.Entry<String, String[]> edit(
      String variable, String path, String yamlValue, String env) {
    return Map.entry(variable, new String[] {path, yamlValue, env});
  }

  @Test
  void helmLintPassesStrictly() {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertThat(lint.isFailed()).as("helm lint: %s", lint.getMessages()).isFalse();
  }

  @Test
  void theDefaultRenderIsTheKustomizeBaseInSubstance() throws Exception {
    Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not on the PATH");
    Map<String, Map<String, Object>> kustomize = byKindAndName(kubectl("kustomize", "deploy"));
    Map<String, Map<String, Object>> helm = byKindAndName(template(Map.of()));
    // Helm installs the chart's crds/ before the templates (it shows them without separators,
    // so each is taken from its file, after checking that Helm has exactly those)
    String shown = new Helm(CHART).show().crds().call();
    for (Path crd : crdFiles()) {
      String text = Files.readString(crd);
      assertThat(shown).contains(text.strip());
      helm.putAll(byKindAndName(text));
    }
    assertThat(shown.split("kind: \"CustomResourceDefinition\"", -1))
        .hasSize(crdFiles().size() + 1);
    // the namespace is the release's, made by the chart only when asked
    helm.putAll(byKindAndName(template(Map.of("namespace.create", "true"))));

    assertThat(helm.keySet()).isEqualTo(kustomize.keySet());
    for (String key : kustomize.keySet()) {
      assertThat(substance(helm.get(key)))
          .as("%s from the chart against deploy/", key)
          .isEqualTo(substance(kustomize.get(key)));
    }
  }

  @Test
  void everySettingIsReachableFromTheValues(@TempDir Path dir) throws Exception {
    Set<String> variables =
        Settings.ALL.stream()
            .flatMap(s -> s.names().stream().limit(1))
            .filter(v -> !FROM_THE_POD.contains(v))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(EDITED.keySet()))
        .as("settings and how the chart's values reach them")
        .isEqualTo(variables);

    Map<String, Object> tree = new TreeMap<>();
    for (String[] edit : EDITED.values()) {
      put(tree, edit[0], YAML.readValue(edit[1], Object.class));
    }
    put(tree, "serviceAccount.annotations", Map.of("eks.amazonaws.com/role-arn", "arn:x"));
    put(tree, "metrics.serviceMonitor.enabled", true);
    put(tree, "podDisruptionBudget.enabled", true);
    put(tree, "networkPolicy.enabled", true);
    put(tree, "replicas", 3);
    put(tree, "image.tag", "0.2.0");
    put(
        tree,
        "accountMapping.accounts",
        List.of(
            Map.of(
                "name",
                "team-a",
                "roleArn",
                "arn:aws:iam::111111111111:role/modelaudit-team-a",
                "externalId",
                "team-a-ext",
                "namespaces",
                List.of("team-a"))));
    Path file = dir.resolve("values.yaml");
    Files.writeString(file, YAML.writeValueAsString(tree));

    Map<String, Map<String, Object>> rendered =
        byKindAndName(
            new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withValuesFile(file)
                .call());

    Map<String, Object> container =
        first(at(rendered.get("Deployment/" + RELEASE), "spec.template.spec.containers"));
    Map<String, String> env = new LinkedHashMap<>();
    for (Object each : (List<?>) container.get("env")) {
      Map<?, ?> var = (Map<?, ?>) each;
      env.put((String) var.get("name"), (String) var.get("value"));
    }
    EDITED.forEach(
        (variable, edit) ->
            assertThat(env).as("%s from %s", variable, edit[0]).containsEntry(variable, edit[2]));
    assertThat(container.get("image")).isEqualTo("ghcr.io/modelaudit/modelaudit-operator:0.2.0");
    assertThat(at(rendered.get("Deployment/" + RELEASE), "spec.replicas")).isEqualTo(3);
    assertThat(at(rendered.get("ServiceAccount/" + RELEASE), "metadata.annotations"))
        .isEqualTo(Map.of("eks.amazonaws.com/role-arn", "arn:x"));
    assertThat(rendered)
        .containsKeys(
            "ServiceMonitor/" + RELEASE,
            "PodDisruptionBudget/" + RELEASE,
            "NetworkPolicy/" + RELEASE,
            "ModelAuditAccount/team-a");
    assertThat(at(rendered.get("ModelAuditAccount/team-a"), "spec"))
        .isEqualTo(
            Map.of(
                "roleArn", "arn:aws:iam::111111111111:role/modelaudit-team-a",
                "externalId", "team-a-ext",
                "namespaces", List.of("team-a")));
    // leader election off: no Role for a Lease
    assertThat(rendered.keySet()).noneMatch(k -> k.startsWith("Role/"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "replicas | 0 | replicas",
        "accountMapping.mode | sometimes | accountMapping.mode",
        "region | US East | region",
        "rateLimits.PutMetricAlarms | 3 | PutMetricAlarms",
        "intervals.resync | one day | intervals.resync",
        "accountMapping.accounts[0].roleArn | arn:aws:iam::1234:user/x | roleArn",
        "replica | 2 | replica",
      })
  void theSchemaRefusesBadValuesNamingTheField(String key, String value, String named) {
    TemplateCommand command = new Helm(CHART).template().withName(RELEASE).set(key, value);
    if (key.startsWith("accountMapping.accounts")) {
      command.set("accountMapping.accounts[0].name", "team-a");
    }

    assertThatThrownBy(command::call)
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(named);
  }

  @Test
  void theRateLimitsTheSchemaAllowsAreThePortsOperations() throws IOException {
    Map<?, ?> schema = YAML.readValue(CHART.resolve("values.schema.json").toFile(), Map.class);
    List<?> operations = (List<?>) at(schema, "properties.rateLimits.propertyNames.enum");

    assertThat(new TreeSet<>(operations.stream().map(String::valueOf).toList()))
        .isEqualTo(new TreeSet<>(Operations.ALL));
  }

  @Test
  void theChartsCrdsAreTheFilesInCrds(@TempDir Path dir) throws Exception {
    // one source: the chart's crds/ holds links to the generated files, which Helm follows
    assertThat(crdFiles()).hasSize(2);
    {
      for (Path crd : crdFiles()) {
        Path inChart = CHART.resolve("crds").resolve(crd.getFileName());
        assertThat(Files.isSymbolicLink(inChart)).as("%s is a link", inChart).isTrue();
        assertThat(inChart.toRealPath()).isEqualTo(crd.toRealPath());
      }
    }
    // a packaged chart carries real copies, byte for byte
    new Helm(CHART).packageIt().withDestination(dir).call();
    Path packaged = dir.resolve("modelaudit-operator-0.1.0.tgz");
    String shown = Helm.show(packaged.toString()).crds().call();
    for (Path file : crdFiles()) {
      assertThat(shown).contains(Files.readString(file, StandardCharsets.UTF_8).strip());
    }
  }

  // ---- helpers ----

  /** The generated CRDs, as kustomize and the chart install them. */
  private static List<Path> crdFiles() throws IOException {
    try (var files = Files.list(Path.of("crds"))) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  private static String template(Map<String, String> values) {
    TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
    values.forEach(command::set);
    return command.call();
  }

  /** Every object of a multi-document YAML stream by "Kind/name". */
  private static Map<String, Map<String, Object>> byKindAndName(String yaml) throws IOException {
    Map<String, Map<String, Object>> objects = new TreeMap<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      var iterator = YAML.readValues(parser, Map.class);
      while (iterator.hasNext()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = iterator.next();
        if (object == null || object.isEmpty()) {
          continue;
        }
        Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
        objects.put(object.get("kind") + "/" + metadata.get("name"), object);
      }
    }
    return objects;
  }

  /**
   * What matters of an object: everything but the labels and annotations of the object itself
   * (Helm's and kustomize's bookkeeping labels, Argo CD's annotations on the CRDs) and the
   * release's instance label in selectors (one release per shard may share a namespace); numbers
   * compare by value.
   */
  private static Object substance(Object value) {
    return strip(YAML.convertValue(value, Object.class), 0);
  }

  private static Object strip(Object value, int depth) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        if (key.equals("app.kubernetes.io/instance")) {
          continue;
        }
        if (key.equals("metadata") && depth == 0) {
          Map<String, Object> metadata = new TreeMap<>();
          ((Map<?, ?>) entry.getValue())
              .forEach(
                  (k, v) -> {
                    if (!k.equals("labels") && !k.equals("annotations")) {
                      metadata.put(String.valueOf(k), v);
                    }
                  });
          out.put(key, metadata);
          continue;
        }
        out.put(key, strip(entry.getValue(), depth + 1));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(strip(v, depth + 1)));
      return out;
    }
    // kustomize writes the CRD's 10080.0 as 10080: the same number
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> tree, String path, Object value) {
    String[] keys = path.split("\\.");
    Map<String, Object> at = tree;
    for (int i = 0; i < keys.length - 1; i++) {
      at = (Map<String, Object>) at.computeIfAbsent(keys[i], k -> new TreeMap<String, Object>());
    }
    at.put(keys[keys.length - 1], value);
  }

  private static Object at(Object object, String path) {
    Object at = object;
    for (String key : path.split("\\.")) {
      at = at == null ? null : ((Map<?, ?>) at).get(key);
    }
    return at;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> first(Object list) {
    return (Map<String, Object>) ((List<?>) list).get(0);
  }

  private static String kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kubectl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed: " + err);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static boolean onPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, executable))) {
        return true;
      }
    }
    return false;
  }
}
