package io.modelaudit.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against a running sandbox (in-memory CloudWatch), through the kubeconfig it
 * writes: every verb docs/sandbox.md promises. Skipped when kubectl is not on the PATH.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlAgainstSandboxIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private Sandbox sandbox;
  private Thread runner;
  private Path kubeconfig;

  @BeforeAll
  void startSandbox() {
    Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not on the PATH");
    String dir = "target/sandbox-it-kubectl";
    sandbox =
        new Sandbox(
            Sandbox.Options.parse("--cloudwatch=fake", "--no-drift", "--dir=" + dir),
            new PrintStream(console, true, StandardCharsets.UTF_8));
    runner =
        new Thread(
            () -> {
              try {
                sandbox.run();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sandbox");
    runner.start();
    await()
        .atMost(WAIT)
        .until(() -> console.toString(StandardCharsets.UTF_8).contains("watching ModelAudits"));
    kubeconfig = Path.of(dir, "kubeconfig").toAbsolutePath();
  }

  @AfterAll
  void stopSandbox() throws InterruptedException {
    if (sandbox != null) {
      sandbox.requestStop();
      runner.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(console.toString(StandardCharsets.UTF_8)).contains("sandbox stopped");
    }
  }

  @Test
  void getPrintsTheCrdsPrinterColumns() throws Exception {
    Result get = kubectl("get", "modelaudits");

    assertThat(get.exit()).as(get.err()).isZero();
    List<String> lines = get.out().lines().toList();
    assertThat(lines.get(0).split("\\s{2,}"))
        .containsExactly("NAME", "READY", "ALARM", "LOG GROUP", "RETENTION", "AGE");
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("fraud-detector").contains("True").contains(" 7"))
        .anySatisfy(l -> assertThat(l).startsWith("llm-gateway").contains("True").contains(" 90"));
    assertThat(kubectl("get", "maudit", "-A").out()).startsWith("NAMESPACE").contains("ml-prod");
    assertThat(kubectl("get", "audit").out()).contains("fraud-detector");
  }

  @Test
  void eachReadyModelAuditHasItsConnectionConfigMap() throws Exception {
    Result list = kubectl("get", "configmaps");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("fraud-detector-modelaudit").contains("llm-gateway-modelaudit");
    Result group =
        kubectl(
            "get",
            "configmap",
            "fraud-detector-modelaudit",
            "-o",
            "jsonpath={.data.MODELAUDIT_LOG_GROUP} {.metadata.ownerReferences[0].kind}");
    assertThat(group.out()).isEqualTo("/modelaudit/ml-prod/fraud-detector ModelAudit");
    // the cluster-scoped account mapping is served too (the sandbox maps no account)
    Result accounts = kubectl("get", "modelauditaccounts");
    assertThat(accounts.exit()).as(accounts.err()).isZero();
  }

  @Test
  void getAsYamlShowsSpecAndStatus() throws Exception {
    Result yaml = kubectl("get", "modelaudit", "fraud-detector", "-o", "yaml");

    assertThat(yaml.exit()).as(yaml.err()).isZero();
    assertThat(yaml.out())
        .contains("kind: ModelAudit")
        .contains("retentionInDays: 7")
        .contains("name: /modelaudit/ml-prod/fraud-detector")
        .contains("- modelaudit.io/cleanup");
  }

  @Test
  void describeShowsTheOperatorsEvents() throws Exception {
    Result describe = kubectl("describe", "modelaudit", "llm-gateway");

    assertThat(describe.exit()).as(describe.err()).isZero();
    String events = describe.out().substring(describe.out().indexOf("Events:"));
    assertThat(events)
        .contains("modelaudit-operator")
        .contains("Created")
        .contains("create log group /modelaudit/ml-prod/llm-gateway")
        .doesNotContain("fraud-detector");
  }

  @Test
  void applyWatchPatchAndDelete(@TempDir Path tmp) throws Exception {
    Path manifest = tmp.resolve("churn.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: modelaudit.io/v1alpha1
        kind: ModelAudit
        metadata:
          name: churn-model
        spec:
          logGroup:
            retentionInDays: 14
          metricFilters:
            - name: errors
              pattern: '{ $.level = "ERROR" }'
              metric: {namespace: AIModelAuditing, name: ChurnErrors, value: "1"}
        """);

    Result apply = kubectl("apply", "-f", manifest.toString());
    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("modelaudit.modelaudit.io/churn-model created");
    awaitJsonPath("churn-model", "{.status.logGroup.retentionInDays}", "14");

    Process watch = start("get", "modelaudit", "churn-model", "--watch", "--no-headers");
    try {
      Result patch =
          kubectl(
              "patch",
              "modelaudit",
              "churn-model",
              "--type=merge",
              "-p",
              "{\"spec\":{\"logGroup\":{\"retentionInDays\":30}}}");
      assertThat(patch.exit()).as(patch.err()).isZero();
      awaitJsonPath("churn-model", "{.metadata.generation}/{.status.observedGeneration}", "2/2");
      awaitJsonPath("churn-model", "{.status.logGroup.retentionInDays}", "30");
      ByteArrayOutputStream watched = new ByteArrayOutputStream();
      Thread reader = copy(watch.getInputStream(), watched);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  watched
                      .toString(StandardCharsets.UTF_8)
                      .lines()
                      .anyMatch(
                          l -> l.startsWith("churn-model") && l.matches(".*\\s30\\s+\\S+\\s*$")));
      reader.interrupt();
    } finally {
      watch.destroy();
    }

    Result strategic =
        kubectl("patch", "modelaudit", "churn-model", "-p", "{\"spec\":{\"tags\":{\"a\":\"b\"}}}");
    assertThat(strategic.exit()).isNotZero();
    assertThat(strategic.err()).contains("--type=merge");

    Result delete = kubectl("delete", "modelaudit", "churn-model", "--timeout=50s");
    assertThat(delete.exit()).as(delete.err()).isZero();
    assertThat(delete.out()).contains("\"churn-model\" deleted");
    Result gone = kubectl("get", "modelaudit", "churn-model");
    assertThat(gone.exit()).isNotZero();
    assertThat(gone.err()).contains("modelaudits.modelaudit.io \"churn-model\" not found");
  }

  @Test
  void applyOfAnInvalidSpecIsRefusedWithKubectlsIsInvalidMessage(@TempDir Path tmp)
      throws Exception {
    Path manifest = tmp.resolve("bad.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: modelaudit.io/v1alpha1
        kind: ModelAudit
        metadata:
          name: bad-retention
        spec:
          logGroup:
            retentionInDays: 10
        """);
    Path unsupported = tmp.resolve("cold.yaml");
    Files.writeString(
        unsupported,
        """
        apiVersion: modelaudit.io/v1alpha1
        kind: ModelAudit
        metadata:
          name: cold-class
        spec:
          logGroup:
            class: COLD
        """);

    Result apply = kubectl("apply", "-f", manifest.toString());
    Result cold = kubectl("apply", "-f", unsupported.toString());

    assertThat(apply.exit()).isNotZero();
    assertThat(apply.err())
        .contains(
            "The ModelAudit \"bad-retention\" is invalid: spec.logGroup.retentionInDays: Invalid"
                + " value: 10: retentionInDays must be one of CloudWatch's retention values");
    assertThat(cold.exit()).isNotZero();
    assertThat(cold.err())
        .contains("The ModelAudit \"cold-class\" is invalid: ")
        .contains(
            "spec.logGroup.class: Unsupported value: \"COLD\": supported values:"
                + " \"INFREQUENT_ACCESS\", \"STANDARD\"");
    assertThat(kubectl("get", "modelaudit", "bad-retention").err()).contains("not found");
    assertThat(kubectl("get", "modelaudit", "cold-class").err()).contains("not found");
  }

  @Test
  void changingAnImmutableFieldIsRefusedAsOnARealCluster(@TempDir Path tmp) throws Exception {
    Path example = Path.of("examples", "02-llm-gateway-full.yaml");
    Path renamed = tmp.resolve("renamed.yaml");
    Files.writeString(
        renamed,
        Files.readString(example)
            .replace("name: /modelaudit/ml-prod/llm-gateway", "name: /modelaudit/ml-prod/renamed"));

    Result region =
        kubectl(
            "patch",
            "modelaudit",
            "llm-gateway",
            "--type=merge",
            "-p",
            "{\"spec\":{\"region\":\"eu-west-1\"}}");
    Result apply = kubectl("apply", "-f", renamed.toString());

    assertThat(region.exit()).isNotZero();
    assertThat(region.err())
        .contains(
            "The ModelAudit \"llm-gateway\" is invalid: spec.region: Invalid value:"
                + " \"eu-west-1\": spec.region is immutable");
    assertThat(apply.exit()).isNotZero();
    assertThat(apply.err())
        .contains(
            "The ModelAudit \"llm-gateway\" is invalid: spec.logGroup.name: Invalid value:"
                + " \"/modelaudit/ml-prod/renamed\": spec.logGroup.name is immutable");
    assertThat(kubectl("get", "modelaudit", "llm-gateway", "-o", "jsonpath={.spec.region}").out())
        .isEqualTo("us-east-1");
  }

  @Test
  void aValidSpecStillAppliesAndUnknownFieldsAreRefusedByStrictValidation(@TempDir Path tmp)
      throws Exception {
    Path unknown = tmp.resolve("unknown.yaml");
    Files.writeString(
        unknown,
        """
        apiVersion: modelaudit.io/v1alpha1
        kind: ModelAudit
        metadata:
          name: typo
        spec:
          logGroup:
            retentionDays: 7
        """);

    Result strict = kubectl("apply", "-f", unknown.toString());
    Result dryRun = kubectl("apply", "-f", "examples/", "--dry-run=client");

    assertThat(strict.exit()).isNotZero();
    assertThat(strict.err()).contains("unknown field \"spec.logGroup.retentionDays\"");
    assertThat(dryRun.exit()).as(dryRun.err()).isZero();
    Result reapply = kubectl("apply", "-f", "examples/");
    assertThat(reapply.exit()).as(reapply.err()).isZero();
  }

  @Test
  void explainReadsTheCrdSchema() throws Exception {
    Result explain = kubectl("explain", "modelaudit.spec.alarms");

    assertThat(explain.exit()).as(explain.err()).isZero();
    assertThat(explain.out()).contains("KIND:       ModelAudit").contains("metricFilter");
  }

  private void awaitJsonPath(String name, String jsonPath, String expected) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> kubectl("get", "modelaudit", name, "-o", "jsonpath=" + jsonPath).out(),
            expected::equals);
  }

  /** What a kubectl command returned and printed. */
  private record Result(int exit, String out, String err) {}

  private Result kubectl(String... args) throws IOException, InterruptedException {
    Process process = start(args);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread o = copy(process.getInputStream(), out);
    Thread e = copy(process.getErrorStream(), err);
    if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    o.join();
    e.join();
    return new Result(
        process.exitValue(),
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private Process start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  private static Thread copy(InputStream in, ByteArrayOutputStream out) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[4096];
              try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  synchronized (out) {
                    out.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // The process ended or was destroyed.
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static boolean onPath(String executable) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, executable))) {
        return true;
      }
    }
    return false;
  }
}
