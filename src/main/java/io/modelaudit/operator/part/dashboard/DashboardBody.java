package io.modelaudit.operator.part.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The body of a ModelAudit's dashboard, in CloudWatch's dashboard body syntax
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html):
 * a header, the states of the health alarm and the alarms, a graph per metric and per alarm, and
 * the log group's recent errors from Logs Insights. Alarm graphs refer to the alarm (its ARN), not
 * to its threshold, so editing a threshold leaves the dashboard as it is. Rendering is
 * deterministic: the same spec and alarms give the same body.
 */
public final class DashboardBody {

  /** CloudWatch's dashboards are 24 units wide; graphs take a third. */
  private static final int WIDTH = 24;

  private static final int GRAPH_WIDTH = 8;
  private static final int GRAPH_HEIGHT = 6;

  /** An alarm status widget shows at most 100 alarms. */
  static final int MAX_ALARMS_PER_WIDGET = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The numbers of two bodies compare by value: 8 and 8.0 are the same width. */
  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.equals(b) ? 0 : 1;
      };

  private DashboardBody() {}

  /**
   * The body, with the ARNs of the alarms that exist; an alarm without one (not created yet) is
   * left out.
   */
  public static String render(DesiredDashboard dashboard, Map<String, String> arns) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode widgets = body.putArray("widgets");
    int y = 0;
    widgets.add(header(dashboard, y));
    y += 3;
    List<String> alarmArns =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.ofNullable(dashboard.health()),
                dashboard.alarms().stream().map(DesiredDashboard.AlarmWidget::alarmName))
            .map(arns::get)
            .filter(java.util.Objects::nonNull)
            .limit(MAX_ALARMS_PER_WIDGET)
            .toList();
    if (!alarmArns.isEmpty()) {
      ObjectNode widget = widget(widgets, "alarm", 0, y, WIDTH, 4);
      ObjectNode properties = widget.putObject("properties");
      properties.put("title", dashboard.health() == null ? "Alarms" : "Health and alarms");
      ArrayNode list = properties.putArray("alarms");
      alarmArns.forEach(list::add);
      y += 4;
    }
    int column = 0;
    for (DesiredDashboard.MetricWidget metric : dashboard.metrics()) {
      ObjectNode widget =
          widget(widgets, "metric", column * GRAPH_WIDTH, y, GRAPH_WIDTH, GRAPH_HEIGHT);
      ObjectNode properties = widget.putObject("properties");
      properties.put("title", metric.title());
      properties.put("view", "timeSeries");
      properties.put("region", dashboard.region());
      properties.put("stat", metric.stat());
      properties.put("period", 300);
      ArrayNode line = properties.putArray("metrics").addArray();
      line.add(metric.namespace()).add(metric.metricName());
      column++;
      if (column == WIDTH / GRAPH_WIDTH) {
        column = 0;
        y += GRAPH_HEIGHT;
      }
    }
    for (DesiredDashboard.AlarmWidget alarm : dashboard.alarms()) {
      String arn = arns.get(alarm.alarmName());
      if (arn == null) {
        continue;
      }
      ObjectNode widget =
          widget(widgets, "metric", column * GRAPH_WIDTH, y, GRAPH_WIDTH, GRAPH_HEIGHT);
      ObjectNode properties = widget.putObject("properties");
      properties.put("title", "Alarm " + alarm.title());
      properties.put("view", "timeSeries");
      properties.put("region", dashboard.region());
      properties.putObject("annotations").putArray("alarms").add(arn);
      column++;
      if (column == WIDTH / GRAPH_WIDTH) {
        column = 0;
        y += GRAPH_HEIGHT;
      }
    }
    if (column > 0) {
      y += GRAPH_HEIGHT;
    }
    ObjectNode logs = widget(widgets, "log", 0, y, WIDTH, GRAPH_HEIGHT);
    ObjectNode properties = logs.putObject("properties");
    properties.put("title", "Recent errors");
    properties.put("region", dashboard.region());
    properties.put("view", "table");
    properties.put("query", recentErrors(dashboard.logGroupName()));
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a dashboard body is always JSON", e);
    }
  }

  /**
   * The Logs Insights query of the recent errors: events with error.type, newest first. Insights
   * flattens nested JSON to dotted field names, which need no quoting.
   */
  static String recentErrors(String logGroupName) {
    return "SOURCE '"
        + logGroupName.replace("'", "\\'")
        + "' | fields @timestamp, error.type, gen_ai.operation.name, gen_ai.request.model,"
        + " gen_ai.response.id, @message | filter ispresent(error.type) | sort @timestamp desc"
        + " | limit 50";
  }

  /** Whether two bodies are the same JSON, whatever their spacing and number formats. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    try {
      return JSON.readTree(a).equals(BY_VALUE, JSON.readTree(b));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static ObjectNode header(DesiredDashboard dashboard, int y) {
    ObjectNode widget = JSON.createObjectNode();
    widget.put("type", "text");
    widget.put("x", 0);
    widget.put("y", y);
    widget.put("width", WIDTH);
    widget.put("height", 3);
    widget
        .putObject("properties")
        .put(
            "markdown",
            "## "
                + dashboard.title()
                + "\n\nAudit of ModelAudit **"
                + dashboard.owner()
                + "**, log group `"
                + dashboard.logGroupName()
                + "` in "
                + dashboard.region()
                + ". Generated from the spec by the ModelAudit operator: change the ModelAudit,"
                + " not this dashboard, which is rewritten on every change.");
    return widget;
  }

  private static ObjectNode widget(ArrayNode widgets, String type, int x, int y, int w, int h) {
    ObjectNode widget = widgets.addObject();
    widget.put("type", type);
    widget.put("x", x);
    widget.put("y", y);
    widget.put("width", w);
    widget.put("height", h);
    return widget;
  }
}
