package io.modelaudit.operator.profiles;

/**
 * The fields of the audit event schema (docs/events.md) the presets read, as metric filter
 * selectors. Events are JSON objects whose dotted attribute names are nested objects: a metric
 * filter's property selector takes letters, digits, '-' and '_' only, so {@code
 * $.gen_ai.usage.input_tokens} walks the objects gen_ai and usage; a key that itself contains a dot
 * could not be selected at all. Array elements are addressed by index only.
 *
 * <p>The names follow the OpenTelemetry GenAI semantic conventions {@value #SEMCONV_VERSION}.
 */
public final class EventSchema {

  /** The OpenTelemetry semantic conventions release the gen_ai.* names are taken from. */
  public static final String SEMCONV_VERSION = "v1.41.0";

  /** The event of one model invocation (OpenTelemetry's event name). */
  public static final String INFERENCE_EVENT = "gen_ai.client.inference.operation.details";

  /** The event of one evaluation result (OpenTelemetry's event name). */
  public static final String EVALUATION_EVENT = "gen_ai.evaluation.result";

  /** The event of one prediction of a classic model (this schema's extension). */
  public static final String PREDICTION_EVENT = "modelaudit.prediction";

  public static final String EVENT_NAME = "$.event.name";
  public static final String ERROR_TYPE = "$.error.type";
  public static final String FIRST_FINISH_REASON = "$.gen_ai.response.finish_reasons[0]";
  public static final String GUARDRAIL_BLOCKED = "$.modelaudit.guardrail.blocked";
  public static final String INPUT_TOKENS = "$.gen_ai.usage.input_tokens";
  public static final String OUTPUT_TOKENS = "$.gen_ai.usage.output_tokens";
  public static final String DURATION = "$.gen_ai.client.operation.duration";
  public static final String CONFIDENCE = "$.modelaudit.confidence";
  public static final String EVALUATION_SCORE = "$.gen_ai.evaluation.score.value";

  private EventSchema() {}
}
