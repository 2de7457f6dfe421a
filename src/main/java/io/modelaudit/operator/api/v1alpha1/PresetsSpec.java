package io.modelaudit.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * Ready-made audits of the event schema (docs/events.md): each preset that is set, even as {},
 * expands into metric filters and an alarm with deterministic names, shown in status like
 * hand-written ones. Its metrics go to the namespace <alarm name prefix>/<namespace>/<name>, which
 * no other ModelAudit publishes to.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
public class PresetsSpec {

  @JsonPropertyDescription(
      "Alarm error-rate: the percentage of inference events with error.type among all inference"
          + " events (metric math over filters preset-errors and preset-requests). Default"
          + " threshold 5.")
  private RatePresetSpec errorRate;

  @JsonPropertyDescription(
      "Alarm refusal-rate: the percentage of responses stopped by a content filter"
          + " (gen_ai.response.finish_reasons[0] content_filter) or blocked by a guardrail"
          + " (modelaudit.guardrail.blocked). Default threshold 5.")
  private RatePresetSpec refusalRate;

  @JsonPropertyDescription(
      "Alarm truncation-rate: the percentage of responses cut off at the token limit"
          + " (gen_ai.response.finish_reasons[0] length). Default threshold 10.")
  private RatePresetSpec truncationRate;

  @JsonPropertyDescription(
      "Alarm token-usage: gen_ai.usage.input_tokens plus output_tokens per period, against an"
          + " anomaly detection band (GreaterThanUpperThreshold).")
  private TokenUsagePresetSpec tokenUsage;

  @JsonPropertyDescription(
      "Alarm latency-p99: the 99th percentile of gen_ai.client.operation.duration in seconds."
          + " Default threshold 10.")
  private LatencyPresetSpec latencyP99;

  @JsonPropertyDescription(
      "Alarm low-confidence-rate, for classic models: the percentage of predictions whose"
          + " modelaudit.confidence is below the cutoff. Defaults: below 0.5, threshold 20.")
  private ScoreRatePresetSpec lowConfidence;

  @JsonPropertyDescription(
      "Alarm low-evaluation-score-rate: the percentage of gen_ai.evaluation.result events whose"
          + " gen_ai.evaluation.score.value is below the cutoff. Defaults: below 0.5, threshold"
          + " 20.")
  private ScoreRatePresetSpec lowEvaluationScore;
}
