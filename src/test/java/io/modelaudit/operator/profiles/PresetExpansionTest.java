package io.modelaudit.operator.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricQuerySpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetExpansionTest {

  private static final String NAMESPACE = "modelaudit/ml-prod/assistant";

  @Test
  void eachPresetMakesItsNamedFiltersAndAlarm() {
    ModelAuditSpec spec =
        Fixtures.spec(
            """
            presets:
              errorRate: {}
              refusalRate: {}
              truncationRate: {}
              tokenUsage: {}
              latencyP99: {}
              lowConfidence: {}
              lowEvaluationScore: {}
            """);

    List<PresetExpansion.Expanded> expanded = PresetExpansion.of(spec.getPresets(), NAMESPACE);

    assertThat(expanded)
        .extracting(PresetExpansion.Expanded::preset)
        .containsExactly(
            "errorRate",
            "refusalRate",
            "truncationRate",
            "tokenUsage",
            "latencyP99",
            "lowConfidence",
            "lowEvaluationScore");
    assertThat(expanded)
        .flatExtracting(PresetExpansion.Expanded::alarms)
        .extracting(AlarmSpec::getName)
        .containsExactly(
            "error-rate",
            "refusal-rate",
            "truncation-rate",
            "token-usage",
            "latency-p99",
            "low-confidence-rate",
            "low-evaluation-score-rate");
    assertThat(expanded)
        .flatExtracting(PresetExpansion.Expanded::filters)
        .allSatisfy(f -> assertThat(f.getMetric().getNamespace()).isEqualTo(NAMESPACE))
        .allSatisfy(f -> assertThat(f.getName()).startsWith("preset-"));
  }

  @Test
  void aRateIsMetricMathOverTwoCountsWithTheDefaults() {
    AlarmSpec alarm = onlyAlarm("presets: {errorRate: {}}");

    assertThat(alarm.getMetrics())
        .extracting(AlarmMetricQuerySpec::getId)
        .containsExactly("errors", "requests", "rate");
    assertThat(alarm.getMetrics().get(0).getMetricFilter()).isEqualTo("preset-errors");
    assertThat(alarm.getMetrics().get(2).getExpression()).isEqualTo("100 * errors / requests");
    assertThat(alarm.getMetrics().get(2).getReturnData()).isTrue();
    assertThat(alarm.getThreshold()).isEqualTo(PresetExpansion.ERROR_RATE_PERCENT);
    assertThat(alarm.getPeriod()).isEqualTo(300);
    assertThat(alarm.getEvaluationPeriods()).isEqualTo(2);
    assertThat(alarm.getDatapointsToAlarm()).isNull();
    assertThat(alarm.getComparisonOperator()).isEqualTo("GreaterThanThreshold");
    assertThat(alarm.getTreatMissingData()).isEqualTo("notBreaching");
  }

  @Test
  void parametersReplaceTheDefaults() {
    AlarmSpec alarm =
        onlyAlarm(
            "presets: {truncationRate: {threshold: 7.5, period: 60, evaluationPeriods: 5,"
                + " datapointsToAlarm: 3}}");

    assertThat(alarm.getThreshold()).isEqualTo(7.5);
    assertThat(alarm.getPeriod()).isEqualTo(60);
    assertThat(alarm.getEvaluationPeriods()).isEqualTo(5);
    assertThat(alarm.getDatapointsToAlarm()).isEqualTo(3);
  }

  @Test
  void aCutoffIsWrittenIntoTheFilterPatternAsAPlainNumber() {
    ModelAuditSpec spec = Fixtures.spec("presets: {lowConfidence: {below: 0.60}}");

    List<MetricFilterSpec> filters =
        PresetExpansion.of(spec.getPresets(), NAMESPACE).get(0).filters();

    assertThat(filters.get(1).getPattern()).isEqualTo("{ $.modelaudit.confidence < 0.6 }");
    assertThat(PresetExpansion.number(2.0)).isEqualTo("2");
    assertThat(PresetExpansion.number(0.0005)).isEqualTo("0.0005");
  }

  @Test
  void tokenUsageComparesTheSumWithAnAnomalyBand() {
    AlarmSpec alarm = onlyAlarm("presets: {tokenUsage: {bandWidth: 3}}");

    assertThat(alarm.getThresholdMetricId()).isEqualTo("band");
    assertThat(alarm.getThreshold()).isNull();
    assertThat(alarm.getComparisonOperator()).isEqualTo("GreaterThanUpperThreshold");
    assertThat(alarm.getMetrics())
        .extracting(AlarmMetricQuerySpec::getExpression)
        .containsExactly(null, null, "input + output", "ANOMALY_DETECTION_BAND(tokens, 3)");
  }

  @Test
  void theFiltersMatchNestedObjectsOfTheEventSchema() {
    ModelAuditSpec spec =
        Fixtures.spec("presets: {refusalRate: {}, latencyP99: {}, tokenUsage: {}}");
    List<String> patterns = new ArrayList<>();
    PresetExpansion.of(spec.getPresets(), NAMESPACE)
        .forEach(e -> e.filters().forEach(f -> patterns.add(f.getPattern())));

    assertThat(patterns)
        .contains(
            "{ $.event.name = \"gen_ai.client.inference.operation.details\" &&"
                + " ($.gen_ai.response.finish_reasons[0] = \"content_filter\" ||"
                + " $.modelaudit.guardrail.blocked IS TRUE) }",
            "{ $.gen_ai.client.operation.duration = * }",
            "{ $.gen_ai.usage.input_tokens = * }");
  }

  @Test
  void handWrittenPartsComeFirstAndASharedFilterOnce() {
    ModelAuditSpec spec =
        Fixtures.spec(
            """
            metricFilters:
              - name: errors
                pattern: '{ $.level = "ERROR" }'
                metric: {namespace: A, name: B, value: "1"}
            alarms:
              - {name: mine, metricFilter: errors, statistic: Sum, period: 60,
                 evaluationPeriods: 1, comparisonOperator: GreaterThanThreshold, threshold: 1}
            presets: {errorRate: {}, refusalRate: {}}
            """);

    ModelAuditSpec expanded = PresetExpansion.expand(spec, NAMESPACE);

    assertThat(expanded.getMetricFilters())
        .extracting(MetricFilterSpec::getName)
        .containsExactly("errors", "preset-requests", "preset-errors", "preset-refusals");
    assertThat(expanded.getAlarms())
        .extracting(AlarmSpec::getName)
        .containsExactly("mine", "error-rate", "refusal-rate");
    assertThat(spec.getMetricFilters()).hasSize(1);
    assertThat(spec.getAlarms()).hasSize(1);
  }

  @Test
  void aSpecWithoutPresetsIsItsOwnExpansion() {
    ModelAuditSpec spec = Fixtures.spec(Fixtures.STANDARD_SPEC);

    assertThat(PresetExpansion.expand(spec, NAMESPACE)).isSameAs(spec);
  }

  @Test
  void presetsTurnTheDashboardOnUnlessItIsTurnedOff() {
    assertThat(PresetExpansion.dashboardEnabled(Fixtures.spec("presets: {errorRate: {}}")))
        .isTrue();
    assertThat(PresetExpansion.dashboardEnabled(Fixtures.spec("logStreams: [a]"))).isFalse();
    assertThat(PresetExpansion.dashboardEnabled(Fixtures.spec("dashboard: {}"))).isTrue();
    assertThat(
            PresetExpansion.dashboardEnabled(
                Fixtures.spec("presets: {errorRate: {}}\ndashboard: {enabled: false}")))
        .isFalse();
  }

  @Test
  void theExpandedSpecKeepsEveryOtherFieldOfTheSpec() throws Exception {
    ModelAuditSpec spec = Fixtures.spec(Fixtures.STANDARD_SPEC);
    ModelAuditSpec copy = spec.withFiltersAndAlarms(List.of(), List.of());
    for (Field field : ModelAuditSpec.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())
          || field.getName().equals("metricFilters")
          || field.getName().equals("alarms")) {
        continue;
      }
      field.setAccessible(true);
      assertThat(field.get(copy)).as(field.getName()).isSameAs(field.get(spec));
    }
  }

  private static AlarmSpec onlyAlarm(String presets) {
    ModelAuditSpec spec = Fixtures.spec(presets);
    List<PresetExpansion.Expanded> expanded = PresetExpansion.of(spec.getPresets(), NAMESPACE);
    assertThat(expanded).hasSize(1);
    assertThat(expanded.get(0).alarms()).hasSize(1);
    return expanded.get(0).alarms().get(0);
  }
}
