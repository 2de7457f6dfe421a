package io.modelaudit.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs the Argo CD health check for ModelAudit on one fixture per state, the way Argo CD does: the
 * resource as a Lua table in the global {@code obj}, the script's returned table as the health.
 */
class ModelAuditHealthLuaTest {

  private static final Path HEALTH_LUA = Path.of("deploy/argocd/modelaudit-health.lua");
  private static final Path ARGOCD_CM_PATCH = Path.of("deploy/argocd/argocd-cm-patch.yaml");
  private static final String HEALTH_KEY =
      "resource.customizations.health.modelaudit.io_ModelAudit";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of(
            "healthy",
            "Healthy",
            "Log group, 1 stream, 1 metric filter and 1 alarm match generation 3"),
        Arguments.of("progressing-reconciling", "Progressing", "Creating alarm high-error-rate"),
        Arguments.of(
            "progressing-generation-lag",
            "Progressing",
            "Waiting for the operator to observe generation 5"),
        Arguments.of(
            "progressing-no-status", "Progressing", "Waiting for the operator to report status"),
        Arguments.of(
            "progressing-observed-generation-absent",
            "Progressing",
            "Waiting for the operator to observe generation 1"),
        Arguments.of(
            "progressing-deleting",
            "Progressing",
            "Deleting: waiting for the operator to clean up in AWS and remove its finalizer"),
        Arguments.of(
            "progressing-deleting-stalled",
            "Progressing",
            "Deleting, blocked: logs:DeleteLogGroup was denied on /modelaudit/ml-prod/fraud-detector"),
        Arguments.of(
            "degraded-stalled",
            "Degraded",
            "spec.alarms[0].period: must be 10, 20, 30 or a multiple of 60, got 45"),
        Arguments.of(
            "degraded-stalled-and-reconciling",
            "Degraded",
            "Log group /modelaudit/ml-prod/fraud-detector exists without the modelaudit.io/owner"
                + " tag; set spec.adoptExisting: true to adopt it"),
        Arguments.of(
            "progressing-stalled-old-generation",
            "Progressing",
            "Waiting for the operator to observe generation 3"),
        Arguments.of(
            "progressing-ready-false", "Progressing", "Waiting for the first reconcile to finish"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("fixtures")
  void healthFollowsTheConditions(String fixture, String status, String message)
      throws IOException {
    LuaValue health = runHealthCheck(readFixture(fixture));

    assertThat(health.istable()).as("the script returns a table").isTrue();
    assertThat(health.get("status").tojstring()).isEqualTo(status);
    assertThat(health.get("message").tojstring()).isEqualTo(message);
  }

  @Test
  void stalledWithoutMessageFallsBackToTheConditionName() throws IOException {
    Object resource =
        Map.of(
            "metadata",
            Map.of("name", "m", "generation", 1),
            "status",
            Map.of(
                "observedGeneration",
                1,
                "conditions",
                List.of(Map.of("type", "Stalled", "status", "True", "reason", "AccessDenied"))));

    LuaValue health = runHealthCheck(resource);

    assertThat(health.get("status").tojstring()).isEqualTo("Degraded");
    assertThat(health.get("message").tojstring()).isEqualTo("Stalled");
  }

  @Test
  void argoCdConfigMapEmbedsTheSameLuaByteForByte() throws IOException {
    byte[] lua = Files.readAllBytes(HEALTH_LUA);
    JsonNode configMap = YAML.readTree(ARGOCD_CM_PATCH.toFile());

    assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
    assertThat(configMap.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
    JsonNode embedded = configMap.path("data").path(HEALTH_KEY);
    assertThat(embedded.isTextual()).as("argocd-cm has the key %s", HEALTH_KEY).isTrue();
    assertThat(embedded.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(lua);
  }

  private static Object readFixture(String name) throws IOException {
    try (InputStream in =
        ModelAuditHealthLuaTest.class.getResourceAsStream("/argocd/" + name + ".yaml")) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return YAML.readValue(in, Object.class);
    }
  }

  private static LuaValue runHealthCheck(Object resource) throws IOException {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(resource));
    LuaValue chunk =
        globals.load(Files.readString(HEALTH_LUA), HEALTH_LUA.getFileName().toString());
    return chunk.call();
  }

  /** Maps become tables, lists 1-based arrays, and every number a float, as in Argo CD's VM. */
  private static LuaValue toLua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    }
    if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((k, v) -> table.set(String.valueOf(k), toLua(v)));
      return table;
    }
    if (value instanceof List<?> list) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < list.size(); i++) {
        table.set(i + 1, toLua(list.get(i)));
      }
      return table;
    }
    if (value instanceof Number number) {
      return LuaValue.valueOf(number.doubleValue());
    }
    if (value instanceof Boolean bool) {
      return LuaValue.valueOf(bool);
    }
    return LuaValue.valueOf(value.toString());
  }
}
