package io.modelaudit.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelaudit.operator.api.CrdSchema;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.config.OperatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds {@link SpecValidator} against the checked-in CRD's schema, so that the two cannot disagree
 * on a limit again: for every field of {@code spec}, values on both sides of each limit the schema
 * sets (minLength, maxLength, minimum, maximum, maxItems, maxProperties), the values of its enum
 * and their near misses, small changes of a valid value (for the patterns) and the field's absence
 * (for required) must pass the validator exactly when they pass the schema.
 *
 * <p>Every probe and every expectation is derived from the schema itself; no limit is written down
 * here. The validator may be stricter only where {@link #STRICTER} says why.
 */
class SchemaAgreementTest {

  private static final String NAMESPACE = "ml-prod";
  private static final String NAME = "fraud-detector";

  /** No tenancy policy: this test is about the schema's rules, not the operator's policy. */
  private static final OperatorConfig NO_POLICY =
      OperatorConfig.defaults()
          .withLogGroupPrefixTemplate("")
          .withAllowedActionArnPatterns(List.of(".*"))
          .withAlarmMetricNamespaces(List.of("*"))
          .withArchivePolicy(List.of(".*"), List.of(".*"))
          .withFindingsNamePrefixTemplate("");

  /** A valid spec that sets every field of the schema; each probe changes one field of it. */
  private static final String BASE =
      """
      region: us-east-1
      model: {name: fraud-detector, version: "3.2"}
      logGroup:
        name: /modelaudit/ml-prod/fraud-detector
        retentionInDays: 7
        kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
        class: STANDARD
        deletionProtection: false
        indexFields: [gen_ai.conversation.id]
      logStreams: [inference]
      metricFilters:
        - name: errors
          pattern: '{ $.level = "ERROR" }'
          metric: {namespace: AIModelAuditing, name: ErrorCount, value: "1", defaultValue: 0,
                   unit: Count}
        - name: latency
          pattern: '{ $.latencyMs > 0 }'
          metric: {namespace: AIModelAuditing, name: LatencyMs, value: $.latencyMs,
                   unit: Milliseconds, dimensions: {Model: $.model}}
      alarms:
        - name: high-error-rate
          description: More than five errors in a minute
          metricFilter: errors
          statistic: Sum
          period: 60
          evaluationPeriods: 1
          datapointsToAlarm: 1
          comparisonOperator: GreaterThanThreshold
          threshold: 5
          treatMissingData: notBreaching
          actionsEnabled: true
          actions:
            alarm: [arn:aws:sns:us-east-1:123456789012:model-alerts]
            ok: [arn:aws:sns:us-east-1:123456789012:model-alerts]
            insufficientData: [arn:aws:sns:us-east-1:123456789012:model-alerts]
        - name: slow-p99
          metric: {namespace: AWS/SageMaker, name: ModelLatency, dimensions: {EndpointName: fraud}}
          extendedStatistic: p99
          period: 300
          evaluationPeriods: 3
          comparisonOperator: GreaterThanThreshold
          threshold: 1000
        - name: error-share
          metrics:
            - {id: errors, metricFilter: errors, stat: Sum}
            - id: requests
              metric: {namespace: AIModelAuditing, name: Requests, dimensions: {Model: fraud}}
              stat: Sum
            - {id: share, expression: 100 * errors / requests, label: Error share, returnData: true}
          period: 300
          evaluationPeriods: 3
          comparisonOperator: GreaterThanThreshold
          threshold: 5
        - name: traffic-anomaly
          metrics:
            - {id: requests, metricFilter: preset-requests, stat: Sum, returnData: true}
            - {id: band, expression: "ANOMALY_DETECTION_BAND(requests, 2)"}
          thresholdMetricId: band
          anomalyDetector:
            excludedTimeRanges: [{start: "2026-11-20T08:00:00", end: "2026-11-20T12:00:00"}]
            metricTimezone: Europe/Berlin
          period: 300
          evaluationPeriods: 3
          comparisonOperator: LessThanLowerOrGreaterThanUpperThreshold
      presets:
        errorRate: {threshold: 5, period: 300, evaluationPeriods: 3, datapointsToAlarm: 2}
        refusalRate: {threshold: 5, period: 300, evaluationPeriods: 3, datapointsToAlarm: 2}
        truncationRate: {threshold: 10, period: 300, evaluationPeriods: 3, datapointsToAlarm: 2}
        tokenUsage: {bandWidth: 2, period: 300, evaluationPeriods: 3, datapointsToAlarm: 2}
        latencyP99: {threshold: 10, period: 60, evaluationPeriods: 3, datapointsToAlarm: 2}
        lowConfidence:
          {below: 0.5, threshold: 20, period: 300, evaluationPeriods: 3, datapointsToAlarm: 2}
        lowEvaluationScore:
          {below: 0.5, threshold: 20, period: 300, evaluationPeriods: 3, datapointsToAlarm: 2}
      healthAlarm:
        alarms: [high-error-rate, error-rate]
        description: fraud-detector is unhealthy
        actionsEnabled: true
        actions:
          alarm: [arn:aws:sns:us-east-1:123456789012:model-alerts]
          ok: [arn:aws:sns:us-east-1:123456789012:model-alerts]
          insufficientData: [arn:aws:sns:us-east-1:123456789012:model-alerts]
        actionsSuppressor: {alarm: slow-p99, waitPeriod: 60, extensionPeriod: 60}
      dashboard: {enabled: true}
      notifications: {snsTopicArn: "arn:aws:sns:us-east-1:123456789012:model-alerts"}
      dataProtection:
        identifiers: [EmailAddress]
        customIdentifiers: [{name: EmployeeId, regex: 'EMP-[0-9]{6}'}]
        findings:
          logGroup: /modelaudit/ml-prod/findings
          firehoseDeliveryStream: modelaudit.ml-prod.findings
          s3Bucket: modelaudit.ml-prod.findings
      archive:
        - name: to-s3
          pattern: ""
          destinationArn: arn:aws:firehose:us-east-1:123456789012:deliverystream/modelaudit.ml-prod.a
          roleArn: arn:aws:iam::123456789012:role/modelaudit.ml-prod.archive
          distribution: ByLogStream
      queries:
        presets: [conversation]
        custom: [{name: slow, query: "filter duration > 1000"}]
      tags: {Environment: production}
      deletionPolicy: Retain
      adoptExisting: false
      """;

  /**
   * Where the validator rejects values the schema's keywords allow, and why that is no
   * disagreement: the CRD has the rule as a CEL rule (which this test does not evaluate), or leaves
   * it to the operator. Keyed by field path without list indices; each such violation's message
   * must contain the phrase.
   */
  private static final Map<String, List<String>> STRICTER =
      Map.ofEntries(
          // AWS's tag value characters; the CRD leaves them to the operator.
          Map.entry("spec.model.name", List.of("(it becomes a tag value)")),
          Map.entry("spec.model.version", List.of("(it becomes a tag value)")),
          // CEL rules of the alarm: the evaluation range, datapoints within evaluation periods.
          Map.entry(
              "spec.alarms[].evaluationPeriods",
              List.of("period * evaluationPeriods must be at most")),
          Map.entry(
              "spec.alarms[].datapointsToAlarm",
              List.of("must be between 1 and evaluationPeriods")),
          // The same CEL rules of each preset, with the presets' defaults.
          Map.entry(
              "spec.presets.*.evaluationPeriods",
              List.of("period * evaluationPeriods must be at most")),
          Map.entry(
              "spec.presets.*.datapointsToAlarm",
              List.of("must be between 1 and evaluationPeriods")),
          // CEL rule of the spec: the filter must exist.
          Map.entry(
              "spec.alarms[].metricFilter",
              List.of("must name a metric filter of this ModelAudit")),
          // CEL rules of the alarm: a threshold or a band, the band operators with the band.
          Map.entry("spec.alarms[].threshold", List.of("or thresholdMetricId for an anomaly")),
          Map.entry("spec.alarms[].comparisonOperator", List.of("thresholdMetricId")),
          // The operator's checks of metric math: the metric's filter exists, a metric has a
          // statistic, an expression is well formed and uses the alarm's ids, AWS's 10 metrics
          // and one returned series, the band entry is a band.
          Map.entry(
              "spec.alarms[].metrics[].metricFilter",
              List.of("must name a metric filter of this ModelAudit")),
          Map.entry("spec.alarms[].metrics[].stat", List.of("needs a statistic")),
          Map.entry(
              "spec.alarms[].metrics[].expression",
              List.of("is not metric math", "which no entry of metrics has", "uses its own id")),
          Map.entry(
              "spec.alarms[].metrics",
              List.of("returnData true", "AWS allows 10 metrics and 10 expressions")),
          Map.entry("spec.alarms[].thresholdMetricId", List.of("must name an entry")),
          // The operator checks the time zone against the tz database.
          Map.entry(
              "spec.alarms[].anomalyDetector.metricTimezone",
              List.of("time zone of the tz database")),
          // The health alarm names alarms of this ModelAudit.
          Map.entry("spec.healthAlarm.alarms", List.of("must name an alarm of this ModelAudit")),
          Map.entry(
              "spec.healthAlarm.actionsSuppressor.alarm", List.of("or be an alarm ARN such as")),
          // What a filter publishes: AWS takes any text and publishes nothing for a word; the CRD
          // leaves it to the operator (see SpecRules.EVENT_FIELD_PATTERN).
          Map.entry("spec.metricFilters[].metric.value", List.of("a field of the matched event")),
          // A filter's metric is published at one-minute resolution: a cross-field rule.
          Map.entry("spec.alarms[].period", List.of("one-minute resolution")),
          // KMS keys and SNS topics of the ModelAudit's region: a cross-field rule.
          Map.entry("spec.logGroup.kmsKeyArn", List.of("where this ModelAudit's resources are")),
          Map.entry(
              "spec.notifications.snsTopicArn", List.of("where this ModelAudit's resources are")),
          // AWS's list of managed data identifiers is the operator's to check (its message
          // suggests close names).
          Map.entry(
              "spec.dataProtection.identifiers", List.of("is not an AWS managed data identifier")),
          // Whether a custom identifier's regex compiles: no schema keyword can say.
          Map.entry(
              "spec.dataProtection.customIdentifiers[].regex",
              List.of("is not a valid regular expression")),
          // CEL rules of an archive entry: a role for Firehose and Kinesis, none otherwise.
          Map.entry("spec.archive[].roleArn", List.of("CloudWatch Logs")),
          // An archive destination of the ModelAudit's region: a cross-field rule.
          Map.entry(
              "spec.archive[].destinationArn", List.of("where this ModelAudit's log group is")),
          // The presets the operator knows.
          Map.entry("spec.queries.presets", List.of("must be one of")));

  /**
   * Inserted, once and twice, into valid values: where a pattern and the validator differ, these
   * show it.
   */
  private static final List<String> ODD_CHARACTERS =
      List.of(
          ":", "*", "$", " ", ".", "-", "_", "/", "#", "@", "+", "=", "\\", "'", "\"", "A", "z",
          "0", "é", "😀");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode BASE_TREE = readYaml(BASE);
  private static final Set<String> ALL_ENUM_VALUES =
      Set.copyOf(
          CrdSchema.spec().findValues("enum").stream().flatMap(e -> texts(e).stream()).toList());

  /** One field of the schema, at the first place the base spec sets it. */
  record Field(
      String path, JsonPointer pointer, JsonNode schema, boolean required, JsonNode value) {

    String rulePath() {
      return path.replaceAll("\\[\\d+]", "[]");
    }
  }

  @Test
  void theBaseSpecIsValid() {
    assertThat(validate(BASE_TREE)).isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> theValidatorAcceptsExactlyWhatTheSchemaAccepts() {
    return fields().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.path(),
                    () ->
                        assertThat(disagreements(f, true))
                            .as("%s: schema and SpecValidator disagree", f.path())
                            .isEmpty()));
  }

  @Test
  void everyExceptionIsNeeded() {
    List<Field> fields = fields();
    assertThat(STRICTER.keySet())
        .allSatisfy(
            path ->
                assertThat(fields)
                    .filteredOn(f -> covers(path, f.rulePath()))
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(disagreements(f, false)).isNotEmpty()));
  }

  /** What the validator and the schema judge differently at the field. */
  private static List<String> disagreements(Field field, boolean withExceptions) {
    List<String> disagreements = new ArrayList<>();
    for (JsonNode probe : probes(field)) {
      boolean schemaAccepts = schemaAccepts(field, probe);
      List<Violation> found = violationsAt(field, probe);
      if (schemaAccepts && !found.isEmpty() && !(withExceptions && explained(field, found))) {
        disagreements.add(show(probe) + ": the schema accepts it, the validator says " + found);
      } else if (!schemaAccepts && found.isEmpty()) {
        disagreements.add(show(probe) + ": the schema rejects it, the validator accepts it");
      }
    }
    return disagreements;
  }

  // ---- the fields ----

  private static List<Field> fields() {
    List<Field> fields = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    collect(CrdSchema.spec(), List.of(new Place(BASE_TREE, "", "spec")), fields, missing);
    assertThat(missing)
        .as("fields of the schema the base spec of this test does not set")
        .isEmpty();
    return fields;
  }

  /** A node of the base spec, its JSON pointer and its path as the validator writes it. */
  private record Place(JsonNode node, String pointer, String path) {}

  /**
   * Walks the schema and the base spec together. For a list of objects, each property is taken from
   * the first item that sets it, so that the base spec can show every field once.
   */
  private static void collect(
      JsonNode schema, List<Place> places, List<Field> fields, List<String> missing) {
    Set<String> required = texts(schema.path("required"));
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String name = property.getKey();
      JsonNode propertySchema = property.getValue();
      List<Place> children =
          places.stream()
              .filter(p -> p.node().has(name))
              .map(
                  p ->
                      new Place(
                          p.node().get(name), p.pointer() + "/" + name, p.path() + "." + name))
              .toList();
      if (children.isEmpty()) {
        missing.add(places.get(0).path() + "." + name);
        continue;
      }
      Place first = children.get(0);
      fields.add(
          new Field(
              first.path(),
              JsonPointer.compile(first.pointer()),
              propertySchema,
              required.contains(name),
              first.node()));
      if (propertySchema.has("properties")) {
        collect(propertySchema, children, fields, missing);
      } else if (propertySchema.path("items").has("properties")) {
        List<Place> items = new ArrayList<>();
        for (Place list : children) {
          for (int i = 0; i < list.node().size(); i++) {
            items.add(
                new Place(
                    list.node().get(i), list.pointer() + "/" + i, list.path() + "[" + i + "]"));
          }
        }
        collect(propertySchema.path("items"), items, fields, missing);
      }
    }
  }

  // ---- the probes ----

  /** Values to try at the field; {@link MissingNode} stands for leaving the field out. */
  private static List<JsonNode> probes(Field field) {
    List<JsonNode> probes = new ArrayList<>();
    probes.add(MissingNode.getInstance());
    probes.add(field.value());
    JsonNode schema = field.schema();
    switch (schema.path("type").asText()) {
      case "string" -> textProbes(field).forEach(t -> probes.add(TextNode.valueOf(t)));
      case "integer" -> {
        List<Long> numbers = new ArrayList<>();
        if (schema.has("minimum")) {
          long min = schema.get("minimum").asLong();
          numbers.addAll(List.of(min - 1, min));
        }
        if (schema.has("maximum")) {
          long max = schema.get("maximum").asLong();
          numbers.addAll(List.of(max, max + 1, 2 * max));
        }
        numbers.forEach(n -> probes.add(JSON.getNodeFactory().numberNode(n)));
      }
      case "array" -> {
        if (schema.has("maxItems")) {
          int max = schema.get("maxItems").asInt();
          probes.add(listOf(field.value(), max));
          probes.add(listOf(field.value(), max + 1));
        }
      }
      case "object" -> {
        if (schema.has("maxProperties")) {
          int max = schema.get("maxProperties").asInt();
          probes.add(mapOf(field.value(), max));
          probes.add(mapOf(field.value(), max + 1));
        }
      }
      default -> {}
    }
    return probes;
  }

  private static Set<String> textProbes(Field field) {
    JsonNode schema = field.schema();
    String valid = field.value().asText();
    Set<String> texts = new LinkedHashSet<>();
    texts.add("");
    texts.add(valid.toUpperCase(Locale.ROOT));
    texts.add(valid.toLowerCase(Locale.ROOT));
    for (String c : ODD_CHARACTERS) {
      for (int at : positions(valid)) {
        texts.add(valid.substring(0, at) + c + valid.substring(at));
        texts.add(valid.substring(0, at) + c + c + valid.substring(at));
      }
    }
    for (int i = 0; i < valid.length(); i++) {
      texts.add(valid.substring(0, i) + valid.substring(i + 1));
    }
    Pattern pattern =
        schema.has("pattern") ? Pattern.compile(schema.get("pattern").asText()) : null;
    for (String limit : List.of("minLength", "maxLength")) {
      if (schema.has(limit)) {
        int length = schema.get(limit).asInt();
        Stream.of(length - 1, length, length + 1)
            .filter(n -> n >= 0)
            .forEach(n -> texts.addAll(ofLength(valid, n, pattern)));
      }
    }
    if (schema.has("enum")) {
      // Every enumerated value of the schema, so a validator reading the wrong list shows.
      texts.addAll(ALL_ENUM_VALUES);
    }
    for (String allowed : texts(schema.path("enum"))) {
      texts.addAll(
          List.of(
              allowed,
              allowed.toLowerCase(Locale.ROOT),
              allowed.toUpperCase(Locale.ROOT),
              allowed + " ",
              allowed.substring(1)));
    }
    return texts;
  }

  /**
   * Texts of the given length in code points, made by padding or cutting the valid value; where the
   * schema has a pattern, the first padding that keeps the pattern is used too.
   */
  private static List<String> ofLength(String valid, int length, Pattern pattern) {
    List<String> texts = new ArrayList<>();
    texts.add("a".repeat(length));
    texts.add("😀".repeat(length));
    int missing = length - valid.codePointCount(0, valid.length());
    if (missing < 0) {
      texts.add(valid.substring(0, valid.offsetByCodePoints(0, length)));
      return texts;
    }
    for (String filler : List.of("a", "0", "_", "😀")) {
      for (int at : positions(valid)) {
        String padded = valid.substring(0, at) + filler.repeat(missing) + valid.substring(at);
        if (pattern == null || pattern.matcher(padded).find()) {
          texts.add(padded);
          return texts;
        }
      }
    }
    return texts;
  }

  private static List<Integer> positions(String text) {
    return Stream.of(0, 1, text.length() / 2, text.length() - 1, text.length())
        .filter(i -> i >= 0 && i <= text.length())
        .distinct()
        .toList();
  }

  /** The list with this many items: its first item, then copies of it made distinct. */
  private static JsonNode listOf(JsonNode list, int size) {
    ArrayNode out = JSON.createArrayNode();
    JsonNode first = list.get(0);
    for (int i = 0; i < size; i++) {
      if (i == 0) {
        out.add(first.deepCopy());
      } else if (first.isTextual()) {
        out.add(first.textValue() + i);
      } else {
        ObjectNode copy = first.deepCopy();
        copy.put("name", first.path("name").asText() + "-" + i);
        if (first.has("id")) {
          copy.put("id", first.path("id").asText() + "_" + i);
        }
        out.add(copy);
      }
    }
    return out;
  }

  /** The map with this many entries, each with the value of the map's first entry. */
  private static JsonNode mapOf(JsonNode map, int size) {
    ObjectNode out = JSON.createObjectNode();
    JsonNode value = map.properties().iterator().next().getValue();
    for (int i = 0; i < size; i++) {
      out.set("k" + i, value.deepCopy());
    }
    return out;
  }

  // ---- the two judges ----

  /** Whether the schema's keywords (not its CEL rules) allow this value at the field. */
  private static boolean schemaAccepts(Field field, JsonNode value) {
    JsonNode schema = field.schema();
    if (value.isMissingNode()) {
      return !field.required();
    }
    if (value.isTextual()) {
      String text = value.textValue();
      int length = text.codePointCount(0, text.length());
      return length >= schema.path("minLength").asInt(0)
          && length <= schema.path("maxLength").asInt(Integer.MAX_VALUE)
          && (!schema.has("pattern")
              || Pattern.compile(schema.get("pattern").asText()).matcher(text).find())
          && (!schema.has("enum") || texts(schema.get("enum")).contains(text));
    }
    if (value.isIntegralNumber()) {
      return value.asDouble() >= schema.path("minimum").asDouble(Double.NEGATIVE_INFINITY)
          && value.asDouble() <= schema.path("maximum").asDouble(Double.POSITIVE_INFINITY);
    }
    if (value.isArray()) {
      return value.size() <= schema.path("maxItems").asInt(Integer.MAX_VALUE);
    }
    if (value.isObject() && schema.has("additionalProperties")) {
      return value.size() <= schema.path("maxProperties").asInt(Integer.MAX_VALUE);
    }
    return true;
  }

  /** The validator's violations at the field or inside it, with the probe in the base spec. */
  private static List<Violation> violationsAt(Field field, JsonNode probe) {
    ObjectNode tree = BASE_TREE.deepCopy();
    ObjectNode parent = (ObjectNode) tree.at(field.pointer().head());
    String name = field.pointer().last().getMatchingProperty();
    if (probe.isMissingNode()) {
      parent.remove(name);
    } else {
      parent.set(name, probe);
    }
    return validate(tree).stream()
        .filter(
            v ->
                v.field().equals(field.path())
                    || v.field().startsWith(field.path() + ".")
                    || v.field().startsWith(field.path() + "["))
        .toList();
  }

  private static boolean explained(Field field, List<Violation> violations) {
    List<String> phrases = stricter(field.rulePath());
    return phrases != null
        && violations.stream()
            .allMatch(v -> phrases.stream().anyMatch(phrase -> v.message().contains(phrase)));
  }

  /** The phrases of {@link #STRICTER} for a path. */
  private static List<String> stricter(String rulePath) {
    return STRICTER.entrySet().stream()
        .filter(e -> covers(e.getKey(), rulePath))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Whether a key of {@link #STRICTER} covers the path; a '*' in it stands for one field name. */
  private static boolean covers(String key, String rulePath) {
    String regex =
        java.util.Arrays.stream(key.split("\\*", -1))
            .map(Pattern::quote)
            .collect(java.util.stream.Collectors.joining("[^.\\[]+"));
    return rulePath.matches(regex);
  }

  private static List<Violation> validate(JsonNode spec) {
    try {
      return SpecValidator.validate(
          JSON.treeToValue(spec, ModelAuditSpec.class), NAMESPACE, NAME, NO_POLICY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- small things ----

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new LinkedHashSet<>();
    StreamSupport.stream(array.spliterator(), false).forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static String show(JsonNode probe) {
    if (probe.isMissingNode()) {
      return "(absent)";
    }
    if (probe.isArray()) {
      return "a list of " + probe.size() + " items";
    }
    if (probe.isObject()) {
      return "an object with " + probe.size() + " entries";
    }
    String text = probe.toString();
    return text.length() <= 80 ? text : text.substring(0, 77) + "... (" + text.length() + ")";
  }

  private static JsonNode readYaml(String yaml) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
