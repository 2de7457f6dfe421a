package io.modelaudit.operator.profiles;

import static io.modelaudit.operator.profiles.EventSchema.*;

import io.modelaudit.operator.api.v1alpha1.AlarmMetricQuerySpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.ComparisonOperator;
import io.modelaudit.operator.api.v1alpha1.DashboardSpec;
import io.modelaudit.operator.api.v1alpha1.LatencyPresetSpec;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.MetricTransformationSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.PresetSpec;
import io.modelaudit.operator.api.v1alpha1.PresetsSpec;
import io.modelaudit.operator.api.v1alpha1.RatePresetSpec;
import io.modelaudit.operator.api.v1alpha1.ScoreRatePresetSpec;
import io.modelaudit.operator.api.v1alpha1.SpecRules;
import io.modelaudit.operator.api.v1alpha1.TokenUsagePresetSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure expansion of spec.presets into metric filters and alarms, before any part reads the spec:
 * the desired state, the validator (which refuses name clashes) and the docs all see the same
 * expansion. Every name is deterministic; a preset's metrics go to a namespace of its ModelAudit's
 * own (see {@code Names.presetMetricNamespace}), so no two ModelAudits publish the same metric.
 *
 * <p>Rates are metric math over two filters' counts ({@code 100 * errors / requests}); CloudWatch
 * drops a data point that would divide by zero, so a period without requests is missing data, which
 * the alarms treat as not breaching.
 */
public final class PresetExpansion {

  /** What one preset of the spec expands into. */
  public record Expanded(String preset, List<MetricFilterSpec> filters, List<AlarmSpec> alarms) {
    public Expanded {
      filters = List.copyOf(filters);
      alarms = List.copyOf(alarms);
    }
  }

  // ---- the names presets give their parts ----

  public static final String REQUESTS_FILTER = SpecRules.PRESET_FILTER_PREFIX + "requests";
  public static final String ERRORS_FILTER = SpecRules.PRESET_FILTER_PREFIX + "errors";
  public static final String REFUSALS_FILTER = SpecRules.PRESET_FILTER_PREFIX + "refusals";
  public static final String TRUNCATIONS_FILTER = SpecRules.PRESET_FILTER_PREFIX + "truncations";
  public static final String INPUT_TOKENS_FILTER = SpecRules.PRESET_FILTER_PREFIX + "input-tokens";
  public static final String OUTPUT_TOKENS_FILTER =
      SpecRules.PRESET_FILTER_PREFIX + "output-tokens";
  public static final String DURATION_FILTER = SpecRules.PRESET_FILTER_PREFIX + "duration";
  public static final String PREDICTIONS_FILTER = SpecRules.PRESET_FILTER_PREFIX + "predictions";
  public static final String LOW_CONFIDENCE_FILTER =
      SpecRules.PRESET_FILTER_PREFIX + "low-confidence";
  public static final String EVALUATIONS_FILTER = SpecRules.PRESET_FILTER_PREFIX + "evaluations";
  public static final String LOW_SCORES_FILTER =
      SpecRules.PRESET_FILTER_PREFIX + "low-evaluation-scores";

  public static final String ERROR_RATE_ALARM = "error-rate";
  public static final String REFUSAL_RATE_ALARM = "refusal-rate";
  public static final String TRUNCATION_RATE_ALARM = "truncation-rate";
  public static final String TOKEN_USAGE_ALARM = "token-usage";
  public static final String LATENCY_ALARM = "latency-p99";
  public static final String LOW_CONFIDENCE_ALARM = "low-confidence-rate";
  public static final String LOW_SCORE_ALARM = "low-evaluation-score-rate";

  // ---- the defaults of their parameters ----

  public static final double ERROR_RATE_PERCENT = 5;
  public static final double REFUSAL_RATE_PERCENT = 5;
  public static final double TRUNCATION_RATE_PERCENT = 10;
  public static final double LATENCY_P99_SECONDS = 10;
  public static final double TOKEN_BAND_WIDTH = 2;
  public static final double LOW_SCORE_BELOW = 0.5;
  public static final double LOW_SCORE_PERCENT = 20;

  private static final String COUNT = "Count";
  private static final String NOT_BREACHING = "notBreaching";

  /** Events that are one request to the model: an inference, or a classic model's prediction. */
  private static final String REQUEST =
      "("
          + EVENT_NAME
          + " = \""
          + INFERENCE_EVENT
          + "\" || "
          + EVENT_NAME
          + " = \""
          + PREDICTION_EVENT
          + "\")";

  private static final String INFERENCE = EVENT_NAME + " = \"" + INFERENCE_EVENT + "\"";

  private PresetExpansion() {}

  /**
   * What each preset the spec sets expands into, in a fixed order. A filter two presets share
   * (preset-requests) appears under each.
   *
   * @param metricNamespace where the presets' metrics go
   */
  public static List<Expanded> of(PresetsSpec presets, String metricNamespace) {
    List<Expanded> all = new ArrayList<>();
    if (presets == null) {
      return all;
    }
    Filters f = new Filters(metricNamespace);
    if (presets.getErrorRate() != null) {
      RatePresetSpec p = presets.getErrorRate();
      all.add(
          new Expanded(
              "errorRate",
              List.of(f.requests(), f.errors()),
              List.of(
                  rate(
                      ERROR_RATE_ALARM,
                      "Preset errorRate: share of requests that failed (error.type set)",
                      p,
                      or(p.getThreshold(), ERROR_RATE_PERCENT),
                      "errors",
                      ERRORS_FILTER,
                      "requests",
                      REQUESTS_FILTER,
                      "Error rate (%)"))));
    }
    if (presets.getRefusalRate() != null) {
      RatePresetSpec p = presets.getRefusalRate();
      all.add(
          new Expanded(
              "refusalRate",
              List.of(f.requests(), f.refusals()),
              List.of(
                  rate(
                      REFUSAL_RATE_ALARM,
                      "Preset refusalRate: share of responses refused by a content filter or"
                          + " blocked by a guardrail",
                      p,
                      or(p.getThreshold(), REFUSAL_RATE_PERCENT),
                      "refusals",
                      REFUSALS_FILTER,
                      "requests",
                      REQUESTS_FILTER,
                      "Refusal rate (%)"))));
    }
    if (presets.getTruncationRate() != null) {
      RatePresetSpec p = presets.getTruncationRate();
      all.add(
          new Expanded(
              "truncationRate",
              List.of(f.requests(), f.truncations()),
              List.of(
                  rate(
                      TRUNCATION_RATE_ALARM,
                      "Preset truncationRate: share of responses cut off at the token limit",
                      p,
                      or(p.getThreshold(), TRUNCATION_RATE_PERCENT),
                      "truncations",
                      TRUNCATIONS_FILTER,
                      "requests",
                      REQUESTS_FILTER,
                      "Truncation rate (%)"))));
    }
    if (presets.getTokenUsage() != null) {
      TokenUsagePresetSpec p = presets.getTokenUsage();
      all.add(
          new Expanded(
              "tokenUsage", List.of(f.inputTokens(), f.outputTokens()), List.of(tokenUsage(p))));
    }
    if (presets.getLatencyP99() != null) {
      LatencyPresetSpec p = presets.getLatencyP99();
      all.add(new Expanded("latencyP99", List.of(f.duration()), List.of(latency(p))));
    }
    if (presets.getLowConfidence() != null) {
      ScoreRatePresetSpec p = presets.getLowConfidence();
      double below = or(p.getBelow(), LOW_SCORE_BELOW);
      all.add(
          new Expanded(
              "lowConfidence",
              List.of(f.predictions(), f.lowConfidence(below)),
              List.of(
                  rate(
                      LOW_CONFIDENCE_ALARM,
                      "Preset lowConfidence: share of predictions with modelaudit.confidence"
                          + " below "
                          + number(below),
                      p,
                      or(p.getThreshold(), LOW_SCORE_PERCENT),
                      "low",
                      LOW_CONFIDENCE_FILTER,
                      "predictions",
                      PREDICTIONS_FILTER,
                      "Low-confidence predictions (%)"))));
    }
    if (presets.getLowEvaluationScore() != null) {
      ScoreRatePresetSpec p = presets.getLowEvaluationScore();
      double below = or(p.getBelow(), LOW_SCORE_BELOW);
      all.add(
          new Expanded(
              "lowEvaluationScore",
              List.of(f.evaluations(), f.lowScores(below)),
              List.of(
                  rate(
                      LOW_SCORE_ALARM,
                      "Preset lowEvaluationScore: share of evaluations scoring below "
                          + number(below),
                      p,
                      or(p.getThreshold(), LOW_SCORE_PERCENT),
                      "low",
                      LOW_SCORES_FILTER,
                      "evaluations",
                      EVALUATIONS_FILTER,
                      "Low evaluation scores (%)"))));
    }
    return all;
  }

  /**
   * The spec as the parts read it: the hand-written filters and alarms first, then those of the
   * presets (a filter shared by presets once). The spec itself is not changed.
   */
  public static ModelAuditSpec expand(ModelAuditSpec spec, String metricNamespace) {
    List<Expanded> expanded = of(spec.getPresets(), metricNamespace);
    if (expanded.isEmpty()) {
      return spec;
    }
    Map<String, MetricFilterSpec> filters = new LinkedHashMap<>();
    if (spec.getMetricFilters() != null) {
      spec.getMetricFilters().forEach(filter -> filters.put(key(filter), filter));
    }
    List<AlarmSpec> alarms = new ArrayList<>();
    if (spec.getAlarms() != null) {
      alarms.addAll(spec.getAlarms());
    }
    for (Expanded preset : expanded) {
      preset.filters().forEach(filter -> filters.putIfAbsent(filter.getName(), filter));
      alarms.addAll(preset.alarms());
    }
    return spec.withFiltersAndAlarms(new ArrayList<>(filters.values()), alarms);
  }

  /**
   * Whether the spec asks for a dashboard: spec.dashboard.enabled, else whether presets are set.
   */
  public static boolean dashboardEnabled(ModelAuditSpec spec) {
    DashboardSpec dashboard = spec.getDashboard();
    if (dashboard != null) {
      return !Boolean.FALSE.equals(dashboard.getEnabled());
    }
    return spec.getPresets() != null;
  }

  /** Hand-written filters keep their position even when unnamed (the validator reports them). */
  private static String key(MetricFilterSpec filter) {
    return filter == null || filter.getName() == null
        ? "\u0000" + System.identityHashCode(filter)
        : filter.getName();
  }

  // ---- the alarms ----

  private static AlarmSpec rate(
      String name,
      String description,
      PresetSpec timing,
      double thresholdPercent,
      String partId,
      String partFilter,
      String wholeId,
      String wholeFilter,
      String label) {
    AlarmSpec alarm = timed(name, description, timing);
    alarm.setMetrics(
        List.of(
            metric(partId, partFilter, "Sum"),
            metric(wholeId, wholeFilter, "Sum"),
            expression("rate", "100 * " + partId + " / " + wholeId, label, true)));
    alarm.setComparisonOperator(ComparisonOperator.GreaterThanThreshold.name());
    alarm.setThreshold(thresholdPercent);
    return alarm;
  }

  private static AlarmSpec tokenUsage(TokenUsagePresetSpec p) {
    AlarmSpec alarm =
        timed(
            TOKEN_USAGE_ALARM,
            "Preset tokenUsage: input plus output tokens above the band of normal usage",
            p);
    alarm.setMetrics(
        List.of(
            metric("input", INPUT_TOKENS_FILTER, "Sum"),
            metric("output", OUTPUT_TOKENS_FILTER, "Sum"),
            expression("tokens", "input + output", "Tokens", true),
            expression(
                "band",
                SpecRules.BAND_FUNCTION
                    + "(tokens, "
                    + number(or(p.getBandWidth(), TOKEN_BAND_WIDTH))
                    + ")",
                "Expected tokens",
                false)));
    alarm.setThresholdMetricId("band");
    alarm.setComparisonOperator(ComparisonOperator.GreaterThanUpperThreshold.name());
    return alarm;
  }

  private static AlarmSpec latency(LatencyPresetSpec p) {
    AlarmSpec alarm =
        timed(
            LATENCY_ALARM,
            "Preset latencyP99: p99 of gen_ai.client.operation.duration in seconds",
            p);
    alarm.setMetricFilter(DURATION_FILTER);
    alarm.setExtendedStatistic("p99");
    alarm.setComparisonOperator(ComparisonOperator.GreaterThanThreshold.name());
    alarm.setThreshold(or(p.getThreshold(), LATENCY_P99_SECONDS));
    return alarm;
  }

  private static AlarmSpec timed(String name, String description, PresetSpec timing) {
    AlarmSpec alarm = new AlarmSpec();
    alarm.setName(name);
    alarm.setDescription(description);
    alarm.setPeriod(
        timing.getPeriod() == null ? SpecRules.PRESET_PERIOD_DEFAULT_SECONDS : timing.getPeriod());
    alarm.setEvaluationPeriods(
        timing.getEvaluationPeriods() == null
            ? SpecRules.PRESET_EVALUATION_PERIODS_DEFAULT
            : timing.getEvaluationPeriods());
    alarm.setDatapointsToAlarm(timing.getDatapointsToAlarm());
    alarm.setTreatMissingData(NOT_BREACHING);
    return alarm;
  }

  private static AlarmMetricQuerySpec metric(String id, String filter, String stat) {
    AlarmMetricQuerySpec query = new AlarmMetricQuerySpec();
    query.setId(id);
    query.setMetricFilter(filter);
    query.setStat(stat);
    return query;
  }

  private static AlarmMetricQuerySpec expression(
      String id, String expression, String label, boolean returnData) {
    AlarmMetricQuerySpec query = new AlarmMetricQuerySpec();
    query.setId(id);
    query.setExpression(expression);
    query.setLabel(label);
    if (returnData) {
      query.setReturnData(true);
    }
    return query;
  }

  // ---- the filters ----

  /** The presets' filters, each publishing to the ModelAudit's own namespace. */
  private record Filters(String namespace) {

    MetricFilterSpec requests() {
      return count(REQUESTS_FILTER, "{ " + REQUEST + " }", "Requests");
    }

    MetricFilterSpec errors() {
      return count(ERRORS_FILTER, "{ " + REQUEST + " && " + ERROR_TYPE + " = * }", "Errors");
    }

    MetricFilterSpec refusals() {
      return count(
          REFUSALS_FILTER,
          "{ "
              + INFERENCE
              + " && ("
              + FIRST_FINISH_REASON
              + " = \"content_filter\" || "
              + GUARDRAIL_BLOCKED
              + " IS TRUE) }",
          "Refusals");
    }

    MetricFilterSpec truncations() {
      return count(
          TRUNCATIONS_FILTER,
          "{ " + INFERENCE + " && " + FIRST_FINISH_REASON + " = \"length\" }",
          "Truncations");
    }

    MetricFilterSpec inputTokens() {
      return value(INPUT_TOKENS_FILTER, INPUT_TOKENS, "InputTokens", COUNT);
    }

    MetricFilterSpec outputTokens() {
      return value(OUTPUT_TOKENS_FILTER, OUTPUT_TOKENS, "OutputTokens", COUNT);
    }

    MetricFilterSpec duration() {
      return value(DURATION_FILTER, DURATION, "OperationDuration", "Seconds");
    }

    MetricFilterSpec predictions() {
      return count(PREDICTIONS_FILTER, "{ " + CONFIDENCE + " = * }", "Predictions");
    }

    MetricFilterSpec lowConfidence(double below) {
      return count(
          LOW_CONFIDENCE_FILTER,
          "{ " + CONFIDENCE + " < " + number(below) + " }",
          "LowConfidencePredictions");
    }

    MetricFilterSpec evaluations() {
      return count(EVALUATIONS_FILTER, "{ " + EVALUATION_SCORE + " = * }", "Evaluations");
    }

    MetricFilterSpec lowScores(double below) {
      return count(
          LOW_SCORES_FILTER,
          "{ " + EVALUATION_SCORE + " < " + number(below) + " }",
          "LowEvaluationScores");
    }

    /** Counts matching events, publishing 0 in a minute with events but no match. */
    private MetricFilterSpec count(String name, String pattern, String metricName) {
      return filter(name, pattern, metricName, "1", 0.0, COUNT);
    }

    /** Publishes a number field of each event that has it. */
    private MetricFilterSpec value(String name, String field, String metricName, String unit) {
      return filter(name, "{ " + field + " = * }", metricName, field, null, unit);
    }

    private MetricFilterSpec filter(
        String name,
        String pattern,
        String metricName,
        String value,
        Double defaultValue,
        String unit) {
      MetricTransformationSpec metric = new MetricTransformationSpec();
      metric.setNamespace(namespace);
      metric.setName(metricName);
      metric.setValue(value);
      metric.setDefaultValue(defaultValue);
      metric.setUnit(unit);
      MetricFilterSpec filter = new MetricFilterSpec();
      filter.setName(name);
      filter.setPattern(pattern);
      filter.setMetric(metric);
      return filter;
    }
  }

  /** A number as filter patterns and expressions read it: 0.5, 2, 1.25; never 2.0 or 5E-1. */
  static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static double or(Double value, double fallback) {
    return value == null || !Double.isFinite(value) ? fallback : value;
  }
}
