package io.modelaudit.operator.part.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardBodyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final DesiredDashboard DASHBOARD =
      new DesiredDashboard(
          "modelaudit_ml-prod_assistant",
          "eu-west-1",
          "assistant 1.0",
          "ml-prod/assistant",
          "/modelaudit/ml-prod/assistant",
          List.of(
              new DesiredDashboard.MetricWidget("Requests", "ns", "Requests", "Sum"),
              new DesiredDashboard.MetricWidget("Latency", "ns", "Latency", "Average")),
          List.of(
              new DesiredDashboard.AlarmWidget("error-rate", "a/error-rate"),
              new DesiredDashboard.AlarmWidget("latency", "a/latency")),
          "a/_health");

  private static final Map<String, String> ARNS =
      Map.of(
          "a/error-rate", "arn:aws:cloudwatch:eu-west-1:1:alarm:a/error-rate",
          "a/latency", "arn:aws:cloudwatch:eu-west-1:1:alarm:a/latency",
          "a/_health", "arn:aws:cloudwatch:eu-west-1:1:alarm:a/_health");

  @Test
  void theBodyShowsHealthAlarmsMetricsAndRecentErrorsInAFixedLayout() throws Exception {
    JsonNode widgets = JSON.readTree(DashboardBody.render(DASHBOARD, ARNS)).get("widgets");

    assertThat(widgets)
        .extracting(w -> w.get("type").asText())
        .containsExactly("text", "alarm", "metric", "metric", "metric", "metric", "log");
    assertThat(widgets.get(1).path("properties").path("alarms").get(0).asText())
        .isEqualTo(ARNS.get("a/_health"));
    assertThat(widgets.get(4).path("properties").path("annotations").path("alarms").get(0).asText())
        .isEqualTo(ARNS.get("a/error-rate"));
    assertThat(widgets.get(6).path("properties").path("query").asText())
        .startsWith("SOURCE '/modelaudit/ml-prod/assistant' | fields @timestamp, error.type");
    for (JsonNode widget : widgets) {
      assertThat(widget.get("x").asInt() + widget.get("width").asInt()).isLessThanOrEqualTo(24);
    }
  }

  @Test
  void theSameSpecAndAlarmsGiveTheSameBody() {
    assertThat(DashboardBody.render(DASHBOARD, ARNS))
        .isEqualTo(DashboardBody.render(DASHBOARD, ARNS));
  }

  @Test
  void anAlarmWithoutItsArnYetIsLeftOut() {
    String body = DashboardBody.render(DASHBOARD, Map.of("a/latency", ARNS.get("a/latency")));

    assertThat(body).contains(ARNS.get("a/latency")).doesNotContain("a/error-rate");
  }

  @Test
  void bodiesCompareAsJsonNotAsText() {
    assertThat(DashboardBody.same("{\"a\": [1, 2.0]}", "{\"a\":[1.0,2]}")).isTrue();
    assertThat(DashboardBody.same("{\"a\": 1}", "{\"a\": 2}")).isFalse();
    assertThat(DashboardBody.same("{\"a\": 1}", "not json")).isFalse();
  }
}
