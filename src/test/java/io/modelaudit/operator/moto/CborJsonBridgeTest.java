package io.modelaudit.operator.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The bridge's rewriting, exercised through real SDK clients whose HTTP client is a stub that
 * records the request the server would see and plays back a JSON 1.0 answer.
 */
class CborJsonBridgeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private final List<AutoCloseable> clients = new ArrayList<>();

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
  }

  @Test
  void rewritesACborRequestIntoJson10() throws IOException {
    StubHttp http = new StubHttp(request -> StubAnswer.json(200, Map.of(), "{}"));
    CloudWatchClient cloudWatch = cloudWatch(http);

    cloudWatch.putMetricAlarm(
        b ->
            b.alarmName("high-errors")
                .namespace("AIModelAuditing")
                .metricName("ErrorCount")
                .dimensions(Dimension.builder().name("Model").value("fraud").build())
                .statistic("Sum")
                .period(60)
                .evaluationPeriods(1)
                .threshold(5.5)
                .comparisonOperator("GreaterThanThreshold")
                .alarmActions("arn:aws:sns:us-east-1:123456789012:a"));

    Recorded sent = http.only();
    assertThat(sent.request().method().name()).isEqualTo("POST");
    assertThat(sent.request().encodedPath()).isEqualTo("/");
    assertThat(sent.request().firstMatchingHeader("X-Amz-Target"))
        .contains("GraniteServiceVersion20100801.PutMetricAlarm");
    assertThat(sent.request().firstMatchingHeader("Content-Type"))
        .contains(CborJsonBridge.JSON_1_0);
    assertThat(sent.request().firstMatchingHeader("smithy-protocol")).isEmpty();
    assertThat(sent.request().firstMatchingHeader("Content-Length"))
        .contains(Integer.toString(sent.body().length));
    JsonNode body = JSON.readTree(sent.body());
    assertThat(body.get("AlarmName").asText()).isEqualTo("high-errors");
    assertThat(body.get("Threshold").asDouble()).isEqualTo(5.5);
    assertThat(body.get("Period").asInt()).isEqualTo(60);
    assertThat(body.get("Dimensions").get(0).get("Name").asText()).isEqualTo("Model");
    assertThat(body.get("AlarmActions").get(0).asText())
        .isEqualTo("arn:aws:sns:us-east-1:123456789012:a");
  }

  @Test
  void turnsAJsonAnswerIntoWhatTheSdkReads() {
    String answer =
        """
        {"MetricAlarms": [{
          "AlarmName": "a1",
          "AlarmArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a1",
          "StateValue": "ALARM",
          "StateReason": "manual",
          "StateUpdatedTimestamp": 1795695941.334,
          "AlarmConfigurationUpdatedTimestamp": "2026-11-26T12:25:41.500Z",
          "Threshold": 5,
          "Period": 60,
          "ActionsEnabled": false,
          "Dimensions": [{"Name": "d", "Value": "x"}]
        }], "CompositeAlarms": []}
        """;
    StubHttp http = new StubHttp(request -> StubAnswer.json(200, Map.of(), answer));

    DescribeAlarmsResponse response = cloudWatch(http).describeAlarms(b -> b.alarmNames("a1"));

    MetricAlarm alarm = response.metricAlarms().get(0);
    assertThat(alarm.alarmName()).isEqualTo("a1");
    assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(alarm.stateUpdatedTimestamp()).isEqualTo(Instant.ofEpochMilli(1795695941334L));
    assertThat(alarm.alarmConfigurationUpdatedTimestamp())
        .isEqualTo(Instant.parse("2026-11-26T12:25:41.500Z"));
    assertThat(alarm.threshold()).isEqualTo(5.0);
    assertThat(alarm.period()).isEqualTo(60);
    assertThat(alarm.actionsEnabled()).isFalse();
    assertThat(alarm.dimensions())
        .containsExactly(Dimension.builder().name("d").value("x").build());
  }

  @Test
  void keepsTheStatusAndErrorCodeOfAnError() {
    String error =
        "{\"__type\": \"GraniteServiceVersion20100801#ResourceNotFoundException\","
            + " \"message\": \"Alarm nope not found\"}";
    StubHttp http =
        new StubHttp(
            request ->
                StubAnswer.json(
                    404, Map.of("x-amzn-query-error", "ResourceNotFound;Sender"), error));

    assertThatThrownBy(
            () ->
                cloudWatch(http)
                    .setAlarmState(
                        b -> b.alarmName("nope").stateValue("ALARM").stateReason("test")))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
              assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Alarm nope not found");
            });
  }

  @Test
  void leavesRequestsThatAreNotCborAlone() throws IOException {
    StubHttp http = new StubHttp(request -> StubAnswer.json(200, Map.of(), "{\"logGroups\": []}"));
    CloudWatchLogsClient logs =
        track(
            CloudWatchLogsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .credentialsProvider(credentials())
                .httpClient(http)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new CborJsonBridge()))
                .build());

    logs.describeLogGroups(b -> b.logGroupNamePrefix("/modelaudit/"));

    Recorded sent = http.only();
    assertThat(sent.request().firstMatchingHeader("X-Amz-Target"))
        .contains("Logs_20140328.DescribeLogGroups");
    assertThat(sent.request().firstMatchingHeader("Content-Type"))
        .contains("application/x-amz-json-1.1");
    assertThat(JSON.readTree(sent.body()).get("logGroupNamePrefix").asText())
        .isEqualTo("/modelaudit/");
  }

  @Test
  void jsonToCborTagsTimestampsAndKeepsEverythingElse() throws IOException {
    byte[] cbor =
        CborJsonBridge.jsonToCbor(
            ("{\"StateUpdatedTimestamp\": 1700000000.25, \"Timestamps\": [\"2023-11-14T22:13:20Z\"],"
                    + " \"StateReason\": \"2023-11-14T22:13:20Z\", \"Count\": 3, \"Ok\": true,"
                    + " \"Gone\": null}")
                .getBytes(StandardCharsets.UTF_8));

    assertThat(tagOf(cbor, "StateUpdatedTimestamp")).isEqualTo(1);
    assertThat(tagOf(cbor, "Timestamps")).isEqualTo(1);
    assertThat(tagOf(cbor, "StateReason")).isEqualTo(-1);
    JsonNode tree = CBOR.readTree(cbor);
    assertThat(tree.get("StateUpdatedTimestamp").doubleValue()).isEqualTo(1700000000.25);
    assertThat(tree.get("Timestamps").get(0).longValue()).isEqualTo(1700000000L);
    // A string field that merely looks like a date stays a string.
    assertThat(tree.get("StateReason").textValue()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(tree.get("Count").intValue()).isEqualTo(3);
    assertThat(tree.get("Ok").booleanValue()).isTrue();
    assertThat(tree.get("Gone").isNull()).isTrue();
  }

  @Test
  void jsonToCborMakesEmptyAndNonJsonBodiesReadable() throws IOException {
    assertThat(CBOR.readTree(CborJsonBridge.jsonToCbor(new byte[0])).isEmpty()).isTrue();

    JsonNode html =
        CBOR.readTree(
            CborJsonBridge.jsonToCbor(
                "<html>Internal Server Error</html>".getBytes(StandardCharsets.UTF_8)));

    assertThat(html.get("message").textValue()).isEqualTo("<html>Internal Server Error</html>");
  }

  @Test
  void cborToJsonReadsTaggedTimestampsAsNumbers() throws IOException {
    var out = new java.io.ByteArrayOutputStream();
    try (var generator = new CBORFactory().createGenerator(out)) {
      generator.writeStartObject();
      generator.writeFieldName("StartTime");
      generator.writeTag(1);
      generator.writeNumber(1700000000.5);
      generator.writeFieldName("Name");
      generator.writeString("x");
      generator.writeEndObject();
    }

    JsonNode json = JSON.readTree(CborJsonBridge.cborToJson(out.toByteArray()));

    assertThat(json.get("StartTime").doubleValue()).isEqualTo(1700000000.5);
    assertThat(json.get("Name").textValue()).isEqualTo("x");
    assertThat(new String(CborJsonBridge.cborToJson(new byte[0]), StandardCharsets.UTF_8))
        .isEqualTo("{}");
  }

  // ---- helpers ----

  /** The CBOR tag in front of the first value of this field; -1 when it has none. */
  private static int tagOf(byte[] cbor, String field) throws IOException {
    try (CBORParser parser = new CBORFactory().createParser(cbor)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.FIELD_NAME && parser.currentName().equals(field)) {
          JsonToken value = parser.nextToken();
          if (value == JsonToken.START_ARRAY) {
            parser.nextToken();
          }
          return parser.getCurrentTag();
        }
      }
    }
    throw new AssertionError("no field " + field);
  }

  private CloudWatchClient cloudWatch(StubHttp http) {
    return track(
        CloudWatchClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:1"))
            .credentialsProvider(credentials())
            .httpClient(http)
            .overrideConfiguration(o -> o.addExecutionInterceptor(new CborJsonBridge()))
            .build());
  }

  private <T extends AutoCloseable> T track(T client) {
    clients.add(client);
    return client;
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
  }

  /** A request as it would have left the machine. */
  private record Recorded(SdkHttpRequest request, byte[] body) {}

  /** A canned HTTP answer. */
  private record StubAnswer(int status, Map<String, String> headers, String body) {
    static StubAnswer json(int status, Map<String, String> headers, String body) {
      return new StubAnswer(status, headers, body);
    }
  }

  /** An SDK HTTP client that records requests and answers from a function, with no network. */
  private static final class StubHttp implements SdkHttpClient {
    private final Function<Recorded, StubAnswer> answers;
    private final List<Recorded> recorded = new ArrayList<>();

    StubHttp(Function<Recorded, StubAnswer> answers) {
      this.answers = answers;
    }

    Recorded only() {
      assertThat(recorded).hasSize(1);
      return recorded.get(0);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          byte[] body =
              request.contentStreamProvider().map(p -> readAll(p.newStream())).orElse(new byte[0]);
          Recorded sent = new Recorded(request.httpRequest(), body);
          recorded.add(sent);
          StubAnswer answer = answers.apply(sent);
          SdkHttpResponse.Builder response =
              SdkHttpResponse.builder()
                  .statusCode(answer.status())
                  .putHeader("Content-Type", "text");
          answer.headers().forEach(response::putHeader);
          byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
          return HttpExecuteResponse.builder()
              .response(response.build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}

    private static byte[] readAll(InputStream in) {
      try (in) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
