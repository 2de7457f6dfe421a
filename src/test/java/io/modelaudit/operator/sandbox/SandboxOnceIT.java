package io.modelaudit.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.modelaudit.operator.moto.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code ./sandbox.sh --once} end to end, in this JVM: API server, CloudWatch, the operator,
 * examples applied, drift repaired, table printed, exit code 0. Once with the in-memory fake
 * (forced with {@code --cloudwatch=fake}) and once with moto, when moto_server is installed.
 */
class SandboxOnceIT {

  @Test
  void convergesTheExamplesWithTheInMemoryFake() throws Exception {
    Run run = runOnce("--cloudwatch=fake", "--dir=target/sandbox-it-fake");

    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).contains("CloudWatch      in-memory fake of the CloudWatch port");
    assertConverged(run);
  }

  @Test
  void convergesTheExamplesWithMoto() throws Exception {
    if (MotoServer.findExecutable(System.getenv("PATH")).isEmpty()) {
      if (Boolean.getBoolean(MotoServer.REQUIRE_PROPERTY)
          || "true".equalsIgnoreCase(System.getenv(MotoServer.REQUIRE_VARIABLE))) {
        fail("moto_server is required but not on the PATH");
      }
      Assumptions.abort("moto_server is not on the PATH; the fake variant ran instead");
    }
    Run run = runOnce("--cloudwatch=moto", "--dir=target/sandbox-it-moto");

    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).contains("CloudWatch      moto_server at http://127.0.0.1:");
    assertConverged(run);
  }

  private static void assertConverged(Run run) throws Exception {
    assertThat(run.output())
        .contains("applied examples/01-seed-fraud-detector.yaml: modelaudit ml-prod/fraud-detector")
        .contains("applied examples/02-llm-gateway-full.yaml: modelaudit ml-prod/llm-gateway")
        .contains(
            "applied examples/03-llm-support-assistant.yaml: modelaudit ml-prod/support-assistant")
        .contains(
            "applied examples/04-compliance-chat-assistant.yaml: modelaudit ml-prod/chat-assistant")
        .contains("every ModelAudit is Ready")
        .contains("push: kubectl get modelaudits shows fraud-detector ALARM after")
        .contains("push: kubectl get modelaudits shows fraud-detector OK after")
        .contains("drift: repaired after AWS pushed the changes (EventBridge, SQS)");
    List<List<String>> table = lastTable(run.output());
    assertThat(table.get(0))
        .containsExactly("NAMESPACE", "NAME", "READY", "ALARM", "LOG GROUP", "RETENTION", "AGE");
    // A new alarm starts INSUFFICIENT_DATA in AWS and in the fake; moto reports OK at once. The
    // compliance example has no alarm: its ALARM cell is empty, so its row has one cell less.
    assertThat(table.subList(1, table.size()))
        .filteredOn(row -> row.size() == 6)
        .allSatisfy(row -> assertThat(row.get(3)).isIn("OK", "INSUFFICIENT_DATA"));
    assertThat(table.subList(1, table.size()))
        .extracting(
            row ->
                row.size() == 6
                    ? List.of(row.get(0), row.get(1), row.get(2), row.get(4), row.get(5))
                    : List.of(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4)))
        .containsExactly(
            List.of(
                "ml-prod", "chat-assistant", "True", "/modelaudit/ml-prod/chat-assistant", "30"),
            List.of("ml-prod", "fraud-detector", "True", "/modelaudit/ml-prod/fraud-detector", "7"),
            List.of("ml-prod", "llm-gateway", "True", "/modelaudit/ml-prod/llm-gateway", "90"),
            List.of(
                "ml-prod",
                "support-assistant",
                "True",
                "/modelaudit/ml-prod/support-assistant",
                "30"));
    Path kubeconfig = Path.of(run.dir(), "kubeconfig");
    assertThat(Files.readString(kubeconfig))
        .contains("server: http://127.0.0.1:")
        .contains("namespace: ml-prod");
  }

  /** The cells of the last table printed; the data rows without their AGE. */
  private static List<List<String>> lastTable(String output) {
    List<String> lines = Arrays.asList(output.split("\n"));
    int header = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("NAMESPACE ")) {
        header = i;
      }
    }
    assertThat(header).as("a table in:\n" + output).isNotNegative();
    List<List<String>> table = new ArrayList<>();
    table.add(List.of(lines.get(header).split("\\s{3,}")));
    for (int i = header + 1; i < lines.size() && lines.get(i).startsWith("ml-prod"); i++) {
      List<String> cells = List.of(lines.get(i).split("\\s{3,}"));
      table.add(cells.subList(0, cells.size() - 1));
    }
    return table;
  }

  /** The exit code and console of one run. */
  private record Run(int code, String output, String dir) {}

  private static Run runOnce(String cloudWatch, String dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      code = new Sandbox(Sandbox.Options.parse("--once", cloudWatch, dir), out).run();
    }
    return new Run(code, bytes.toString(StandardCharsets.UTF_8), dir.substring("--dir=".length()));
  }
}
