package io.modelaudit.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.modelaudit.operator.api.v1alpha1.LogGroupStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the sandbox's API server adds to fabric8's mock server for kubectl, checked over HTTP the
 * way kubectl asks: discovery, tables, field selectors, Status bodies, OpenAPI and watches.
 */
class SandboxApiServerIT {

  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private SandboxApiServer server;
  private URI url;

  @BeforeEach
  void start() {
    server = SandboxApiServer.start(Clock.systemUTC());
    server.installCrd(Sandbox.CRD);
    server.ensureNamespace("ml-prod");
    url = server.kubectlUrl();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void discoversTheCustomResourceFromItsCrd() throws Exception {
    JsonNode groups = get("/apis", "application/json");
    assertThat(groups.findValuesAsText("name")).contains("modelaudit.io");

    JsonNode resources = get("/apis/modelaudit.io/v1alpha1", "application/json");
    JsonNode modelaudits = resources.path("resources").get(0);
    assertThat(modelaudits.path("name").asText()).isEqualTo("modelaudits");
    assertThat(modelaudits.path("kind").asText()).isEqualTo("ModelAudit");
    assertThat(modelaudits.path("namespaced").asBoolean()).isTrue();
    assertThat(modelaudits.path("shortNames").toString()).isEqualTo("[\"maudit\"]");
    assertThat(modelaudits.path("categories").toString()).isEqualTo("[\"audit\"]");
    assertThat(modelaudits.path("verbs").toString()).contains("\"list\"", "\"watch\"", "\"patch\"");
    assertThat(resources.path("resources").get(1).path("name").asText())
        .isEqualTo("modelaudits/status");

    assertThat(get("/api", "application/json").path("versions").toString()).isEqualTo("[\"v1\"]");
    assertThat(get("/version", "application/json").path("gitVersion").asText())
        .isEqualTo("v1.32.0");
    assertThat(send("/apis/nothing.io/v1").statusCode()).isEqualTo(404);
  }

  @Test
  void answersAMissingObjectWithAStatus() throws Exception {
    HttpResponse<String> missing =
        send("/apis/modelaudit.io/v1alpha1/namespaces/ml-prod/modelaudits/nope");

    assertThat(missing.statusCode()).isEqualTo(404);
    JsonNode status = mapper.readTree(missing.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("NotFound");
    assertThat(status.path("message").asText())
        .isEqualTo("modelaudits.modelaudit.io \"nope\" not found");
  }

  @Test
  void servesTablesWithThePrinterColumns() throws Exception {
    createReadyAudit("fraud-detector", 7);

    JsonNode table =
        get(
            "/apis/modelaudit.io/v1alpha1/namespaces/ml-prod/modelaudits",
            TABLE + ",application/json");

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Name", "Ready", "Alarm", "Log Group", "Retention", "Age");
    JsonNode cells = table.path("rows").get(0).path("cells");
    assertThat(cells.get(0).asText()).isEqualTo("fraud-detector");
    assertThat(cells.get(1).asText()).isEqualTo("True");
    assertThat(cells.get(2).asText()).isEqualTo("OK");
    assertThat(cells.get(3).asText()).isEqualTo("/modelaudit/ml-prod/fraud-detector");
    assertThat(cells.get(4).asInt()).isEqualTo(7);
    assertThat(table.path("rows").get(0).path("object").path("metadata").path("namespace").asText())
        .isEqualTo("ml-prod");
  }

  @Test
  void filtersListsByAnyFieldAndNamesTheListKind() throws Exception {
    event("fraud-detector");
    event("llm-gateway");

    JsonNode events =
        get(
            "/api/v1/namespaces/ml-prod/events?fieldSelector=involvedObject.name%3Dllm-gateway%2CinvolvedObject.kind%3DModelAudit",
            "application/json");

    assertThat(events.path("kind").asText()).isEqualTo("EventList");
    assertThat(events.path("items").findValuesAsText("name")).contains("llm-gateway");
    assertThat(events.path("items").findValuesAsText("name")).doesNotContain("fraud-detector");
    assertThat(events.path("items")).hasSize(1);
  }

  @Test
  void refusesDryRunsInsteadOfCarryingThemOut() throws Exception {
    createReadyAudit("fraud-detector", 7);
    String path = "/apis/modelaudit.io/v1alpha1/namespaces/ml-prod/modelaudits/fraud-detector";

    HttpResponse<String> dryRun =
        http.send(
            HttpRequest.newBuilder(url.resolve(path + "?dryRun=All"))
                .header("Content-Type", "application/merge-patch+json")
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(dryRun.statusCode()).isEqualTo(400);
    assertThat(dryRun.body()).contains("no server-side dry run");
    assertThat(get(path, "application/json").path("metadata").path("labels").has("a")).isFalse();
  }

  @Test
  void publishesOpenApiV3SoKubectlValidatesOnTheServer() throws Exception {
    JsonNode root = get("/openapi/v3", "application/json");
    String documentUrl =
        root.path("paths").path("apis/modelaudit.io/v1alpha1").path("serverRelativeURL").asText();
    assertThat(documentUrl).startsWith("/openapi/v3/apis/modelaudit.io/v1alpha1?hash=");

    JsonNode document = get(documentUrl, "application/json");
    JsonNode patch =
        document
            .path("paths")
            .path("/apis/modelaudit.io/v1alpha1/namespaces/{namespace}/modelaudits/{name}")
            .path("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText())
        .isEqualTo("ModelAudit");
    assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation");
    assertThat(
            document
                .path("components")
                .path("schemas")
                .path("io.modelaudit.v1alpha1.ModelAudit")
                .path("properties")
                .has("spec"))
        .isTrue();
  }

  @Test
  void watchesStartAtTheListedVersionAndMissNothing() throws Exception {
    JsonNode list =
        get("/apis/modelaudit.io/v1alpha1/namespaces/ml-prod/modelaudits", "application/json");
    String listed = list.path("metadata").path("resourceVersion").asText();
    // Created and deleted before the watch opens, as when kubectl delete waits for the object.
    createReadyAudit("short-lived", 1);
    server
        .client()
        .resources(ModelAudit.class)
        .inNamespace("ml-prod")
        .withName("short-lived")
        .delete();

    BlockingQueue<String> lines =
        stream(
            "/apis/modelaudit.io/v1alpha1/namespaces/ml-prod/modelaudits?watch=true&resourceVersion="
                + listed
                + "&fieldSelector=metadata.name%3Dshort-lived");

    assertThat(type(lines.poll(30, TimeUnit.SECONDS))).isEqualTo("ADDED");
    assertThat(type(lines.poll(30, TimeUnit.SECONDS))).isEqualTo("MODIFIED");
    assertThat(type(lines.poll(30, TimeUnit.SECONDS))).isEqualTo("DELETED");
  }

  @Test
  void watchesWithoutAVersionStartWithTheCurrentObjects() throws Exception {
    createReadyAudit("fraud-detector", 7);

    BlockingQueue<String> lines =
        stream("/apis/modelaudit.io/v1alpha1/modelaudits?watch=true", TABLE);
    JsonNode first = mapper.readTree(lines.poll(30, TimeUnit.SECONDS));
    assertThat(first.path("type").asText()).isEqualTo("ADDED");
    assertThat(first.path("object").path("kind").asText()).isEqualTo("Table");

    createReadyAudit("llm-gateway", 90);
    JsonNode next = mapper.readTree(lines.poll(30, TimeUnit.SECONDS));
    assertThat(next.path("object").path("rows").get(0).path("cells").get(0).asText())
        .isEqualTo("llm-gateway");
  }

  // ---- admission: schema, CEL rules, pruning, as a real API server ----

  private static final String AUDITS =
      "/apis/modelaudit.io/v1alpha1/namespaces/ml-prod/modelaudits";

  @Test
  void refusesAnInvalidCreateWithAStatusNamingEachField() throws Exception {
    HttpResponse<String> created =
        write(
            "POST",
            AUDITS,
            "application/json",
            audit(
                "bad",
                "\"logGroup\": {\"retentionInDays\": 10}, \"alarms\": [{\"name\": \"a\","
                    + " \"metricFilter\": \"nope\", \"statistic\": \"Sum\", \"period\": 45,"
                    + " \"evaluationPeriods\": 1, \"comparisonOperator\": \"GreaterThanThreshold\","
                    + " \"threshold\": 1}]"));

    assertThat(created.statusCode()).isEqualTo(422);
    JsonNode status = mapper.readTree(created.body());
    assertThat(status.path("reason").asText()).isEqualTo("Invalid");
    assertThat(status.path("details").path("kind").asText()).isEqualTo("ModelAudit");
    assertThat(status.path("details").path("name").asText()).isEqualTo("bad");
    assertThat(status.path("details").path("causes").findValuesAsText("field"))
        .containsExactlyInAnyOrder(
            "spec", "spec.alarms[0].period", "spec.logGroup.retentionInDays");
    assertThat(status.path("message").asText())
        .startsWith("ModelAudit.modelaudit.io \"bad\" is invalid: [")
        .contains(
            "spec.logGroup.retentionInDays: Invalid value: 10: retentionInDays must be one of"
                + " CloudWatch's retention values");
    assertThat(send(AUDITS + "/bad").statusCode()).as("nothing stored").isEqualTo(404);
  }

  @Test
  void refusesAPatchThatChangesAnImmutableField() throws Exception {
    assertThat(
            write(
                    "POST",
                    AUDITS,
                    "application/json",
                    audit(
                        "fixed",
                        "\"region\": \"us-east-1\", \"logGroup\": {\"class\": \"STANDARD\"}"))
                .statusCode())
        .isEqualTo(201);

    HttpResponse<String> region =
        write(
            "PATCH",
            AUDITS + "/fixed",
            "application/merge-patch+json",
            "{\"spec\": {\"region\": \"eu-west-1\"}}");
    HttpResponse<String> removed =
        write(
            "PATCH",
            AUDITS + "/fixed",
            "application/json-patch+json",
            "[{\"op\": \"remove\", \"path\": \"/spec/logGroup/class\"}]");
    HttpResponse<String> labelled =
        write(
            "PATCH",
            AUDITS + "/fixed",
            "application/merge-patch+json",
            "{\"metadata\": {\"labels\": {\"team\": \"ml\"}}}");

    assertThat(region.statusCode()).isEqualTo(422);
    assertThat(
            mapper
                .readTree(region.body())
                .path("details")
                .path("causes")
                .get(0)
                .path("message")
                .asText())
        .isEqualTo("Invalid value: \"eu-west-1\": spec.region is immutable");
    assertThat(removed.statusCode()).isEqualTo(422);
    assertThat(removed.body())
        .contains("spec.logGroup.class is immutable: it cannot be removed once set");
    assertThat(labelled.statusCode() / 100).as(labelled.body()).isEqualTo(2);
    JsonNode stored = get(AUDITS + "/fixed", "application/json");
    assertThat(stored.at("/spec/region").asText()).isEqualTo("us-east-1");
    assertThat(stored.at("/metadata/labels/team").asText()).isEqualTo("ml");
  }

  @Test
  void prunesUnknownFieldsWarningAboutThemOrRefusesThemUnderStrictValidation() throws Exception {
    HttpResponse<String> strict =
        write(
            "POST",
            AUDITS + "?fieldValidation=Strict",
            "application/json",
            audit("strict", "\"retention\": 7"));
    HttpResponse<String> warned =
        write("POST", AUDITS, "application/json", audit("warned", "\"retention\": 7"));
    HttpResponse<String> patched =
        write(
            "PATCH",
            AUDITS + "/warned",
            "application/merge-patch+json",
            "{\"spec\": {\"logGroup\": {\"retentionInDays\": 30, \"color\": \"red\"}}}");

    assertThat(strict.statusCode()).isEqualTo(400);
    assertThat(mapper.readTree(strict.body()).path("message").asText())
        .isEqualTo(
            "ModelAudit in version \"v1alpha1\" cannot be handled as a ModelAudit: strict decoding"
                + " error: unknown field \"spec.retention\"");
    assertThat(warned.statusCode()).isEqualTo(201);
    assertThat(warned.headers().allValues("Warning"))
        .containsExactly("299 - \"unknown field \\\"spec.retention\\\"\"");
    assertThat(patched.statusCode() / 100).as(patched.body()).isEqualTo(2);
    JsonNode stored = get(AUDITS + "/warned", "application/json");
    assertThat(stored.path("spec").has("retention")).isFalse();
    assertThat(stored.at("/spec/logGroup").toString()).isEqualTo("{\"retentionInDays\":30}");
  }

  @Test
  void refusesAStatusOfTheWrongShapeAndKeepsTheSpecOnStatusWrites() throws Exception {
    createReadyAudit("statused", 7);

    HttpResponse<String> wrong =
        write(
            "PATCH",
            AUDITS + "/statused/status",
            "application/merge-patch+json",
            "{\"status\": {\"observedGeneration\": \"one\", \"alarms\": 5}}");
    HttpResponse<String> right =
        write(
            "PATCH",
            AUDITS + "/statused/status",
            "application/merge-patch+json",
            "{\"status\": {\"alarmState\": \"ALARM\"}}");

    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(
            mapper.readTree(wrong.body()).path("details").path("causes").findValuesAsText("field"))
        .containsExactlyInAnyOrder("status.observedGeneration", "status.alarms");
    assertThat(right.statusCode() / 100).as(right.body()).isEqualTo(2);
    assertThat(get(AUDITS + "/statused", "application/json").at("/status/alarmState").asText())
        .isEqualTo("ALARM");
  }

  @Test
  void refusesACrdWhoseRuleDoesNotCompile() throws Exception {
    JsonNode crd =
        new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(Sandbox.CRD.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) crd.path("metadata"))
        .put("name", "brokens.modelaudit.io");
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            crd.at(
                "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/region"
                    + "/x-kubernetes-validations/0"))
        .put("rule", "self == oldSelf.regoin");

    HttpResponse<String> created =
        write("POST", SandboxApiDispatcher.CRDS, "application/json", crd.toString());

    assertThat(created.statusCode()).isEqualTo(422);
    assertThat(mapper.readTree(created.body()).path("message").asText())
        .startsWith(
            "CustomResourceDefinition.apiextensions.k8s.io \"brokens.modelaudit.io\" is invalid:"
                + " spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[region]"
                + ".x-kubernetes-validations[0].rule: Invalid value: \"self == oldSelf.regoin\":"
                + " compilation failed");
  }

  private static String audit(String name, String spec) {
    return "{\"apiVersion\": \"modelaudit.io/v1alpha1\", \"kind\": \"ModelAudit\", \"metadata\":"
        + " {\"name\": \""
        + name
        + "\", \"namespace\": \"ml-prod\"}, \"spec\": {"
        + spec
        + "}}";
  }

  private HttpResponse<String> write(String method, String path, String type, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(url.resolve(path))
            .header("Content-Type", type)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  // ---- helpers ----

  private void createReadyAudit(String name, int retention) {
    ModelAudit audit = new ModelAudit();
    audit.setMetadata(new ObjectMetaBuilder().withNamespace("ml-prod").withName(name).build());
    audit.setSpec(new ModelAuditSpec());
    server.client().resource(audit).create();
    ModelAuditStatus status = new ModelAuditStatus();
    status.setConditions(
        List.of(new ConditionBuilder().withType("Ready").withStatus("True").build()));
    status.setAlarmState("OK");
    LogGroupStatus group = new LogGroupStatus();
    group.setName("/modelaudit/ml-prod/" + name);
    group.setRetentionInDays(retention);
    status.setLogGroup(group);
    ModelAudit current =
        server.client().resources(ModelAudit.class).inNamespace("ml-prod").withName(name).get();
    current.setStatus(status);
    server.client().resource(current).updateStatus();
  }

  private void event(String involved) {
    server
        .client()
        .v1()
        .events()
        .inNamespace("ml-prod")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(involved + ".1")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("ModelAudit")
                .withName(involved)
                .withNamespace("ml-prod")
                .endInvolvedObject()
                .withReason("Created")
                .build())
        .create();
  }

  private JsonNode get(String path, String accept) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url.resolve(path)).header("Accept", accept).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return mapper.readTree(response.body());
  }

  private HttpResponse<String> send(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private BlockingQueue<String> stream(String path) throws Exception {
    return stream(path, "application/json");
  }

  private BlockingQueue<String> stream(String path, String accept) throws Exception {
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(url.resolve(path))
                .header("Accept", accept)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (Exception e) {
                // The server stopped at the end of the test.
              }
            });
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private String type(String line) throws Exception {
    assertThat(line).as("an event within 30 s").isNotNull();
    return mapper.readTree(line).path("type").asText();
  }
}
