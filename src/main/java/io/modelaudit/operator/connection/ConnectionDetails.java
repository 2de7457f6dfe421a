package io.modelaudit.operator.connection;

import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: what a model's pods need to send their events to their ModelAudit's log group - the data of
 * the connection ConfigMap. Plain keys for {@code envFrom}, and two files to mount: a Fluent Bit
 * {@code cloudwatch_logs} output section and an OpenTelemetry Collector {@code awscloudwatchlogs}
 * exporter.
 */
public final class ConnectionDetails {

  /**
   * Version of the shape of the connection data and of the events the ModelAudit's filters expect
   * (one JSON object or one space-delimited line per event); a change that breaks readers of this
   * ConfigMap or writers of events gets a new number.
   */
  public static final String EVENT_SCHEMA_VERSION = "1";

  /** Label on every connection ConfigMap; the operator watches only ConfigMaps that carry it. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  public static final String MANAGED_BY = "modelaudit-operator";

  public static final String COMPONENT_LABEL = "app.kubernetes.io/component";

  public static final String COMPONENT = "modelaudit-connection";

  /** The selector of the ConfigMaps the operator manages. */
  public static final String SELECTOR =
      MANAGED_BY_LABEL + "=" + MANAGED_BY + "," + COMPONENT_LABEL + "=" + COMPONENT;

  public static final String REGION = "AWS_REGION";
  public static final String ACCOUNT = "MODELAUDIT_AWS_ACCOUNT";
  public static final String LOG_GROUP = "MODELAUDIT_LOG_GROUP";
  public static final String LOG_STREAM = "MODELAUDIT_LOG_STREAM";
  public static final String LOG_STREAMS = "MODELAUDIT_LOG_STREAMS";
  public static final String SCHEMA_VERSION = "MODELAUDIT_EVENT_SCHEMA_VERSION";
  public static final String MODEL_NAME = "MODELAUDIT_MODEL_NAME";
  public static final String MODEL_VERSION = "MODELAUDIT_MODEL_VERSION";

  /** The keys a pod takes as its environment (envFrom). */
  public static final java.util.Set<String> ENVIRONMENT =
      java.util.Set.of(
          REGION,
          ACCOUNT,
          LOG_GROUP,
          LOG_STREAM,
          LOG_STREAMS,
          SCHEMA_VERSION,
          MODEL_NAME,
          MODEL_VERSION);

  public static final String FLUENT_BIT = "fluent-bit-output.conf";
  public static final String OTEL_COLLECTOR = "otel-collector-exporter.yaml";

  private static final String SUFFIX = "-modelaudit";
  private static final int MAX_NAME = 253;

  private ConnectionDetails() {}

  /**
   * The ConfigMap's name: the ModelAudit's name and "-modelaudit"; a name too long for that is
   * shortened with a hash of the whole, so two ModelAudits never share one.
   */
  public static String configMapName(String modelAuditName) {
    String name = modelAuditName + SUFFIX;
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = sha256Hex(modelAuditName).substring(0, 10);
    String head = modelAuditName.substring(0, MAX_NAME - SUFFIX.length() - hash.length() - 1);
    return head.replaceAll("[.-]+$", "") + "-" + hash + SUFFIX;
  }

  /** The ConfigMap's data for a ModelAudit whose AWS parts match this desired state. */
  public static Map<String, String> data(DesiredState desired, ModelAuditSpec spec) {
    List<String> streams = desired.of(LogStreamsPart.PART);
    String stream = streams.isEmpty() ? "" : streams.get(0);
    Map<String, String> data = new LinkedHashMap<>();
    data.put(REGION, desired.region());
    desired.identity().account().ifPresent(account -> data.put(ACCOUNT, account));
    data.put(LOG_GROUP, desired.logGroupName());
    data.put(LOG_STREAM, stream);
    data.put(LOG_STREAMS, String.join(",", streams));
    data.put(SCHEMA_VERSION, EVENT_SCHEMA_VERSION);
    if (spec.getModel() != null && spec.getModel().getName() != null) {
      data.put(MODEL_NAME, spec.getModel().getName());
    }
    if (spec.getModel() != null && spec.getModel().getVersion() != null) {
      data.put(MODEL_VERSION, spec.getModel().getVersion());
    }
    data.put(FLUENT_BIT, fluentBit(desired.region(), desired.logGroupName(), stream));
    data.put(OTEL_COLLECTOR, otelCollector(desired.region(), desired.logGroupName(), stream));
    return data;
  }

  /** A Fluent Bit output section (classic format) for the built-in cloudwatch_logs plugin. */
  static String fluentBit(String region, String group, String stream) {
    return "[OUTPUT]\n"
        + "    Name              cloudwatch_logs\n"
        + "    Match             *\n"
        + "    region            "
        + region
        + "\n"
        + "    log_group_name    "
        + group
        + "\n"
        + "    log_stream_name   "
        + stream
        + "\n"
        + "    # the operator made the group and its streams; the pods only write to them\n"
        + "    auto_create_group false\n";
  }

  /** An OpenTelemetry Collector exporter block; reference it from a logs pipeline. */
  static String otelCollector(String region, String group, String stream) {
    return "exporters:\n"
        + "  awscloudwatchlogs/modelaudit:\n"
        + "    region: "
        + yamlString(region)
        + "\n"
        + "    log_group_name: "
        + yamlString(group)
        + "\n"
        + "    log_stream_name: "
        + yamlString(stream)
        + "\n"
        + "    # one event per log record body, as the metric filters expect\n"
        + "    raw_log: true\n";
  }

  private static String yamlString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String sha256Hex(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
