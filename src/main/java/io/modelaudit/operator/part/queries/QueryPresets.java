package io.modelaudit.operator.part.queries;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The built-in Logs Insights queries for auditors, on the AI audit event schema (docs/events.md,
 * held to it by QueryPresetsTest): OpenTelemetry GenAI attribute names as nested JSON fields
 * ({@code gen_ai.conversation.id}, {@code gen_ai.usage.input_tokens}, {@code
 * gen_ai.response.finish_reasons}, {@code error.type}, ...). Logs Insights flattens nested JSON
 * into dotted field names and arrays into {@code .0}, {@code .1}; the time range is chosen when a
 * query runs.
 */
public final class QueryPresets {

  /** The placeholder the conversation query filters on; replace it when running the query. */
  public static final String CONVERSATION_ID_PLACEHOLDER = "CONVERSATION_ID";

  private static final Map<String, String> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put(
        "conversation",
        String.join(
            "\n",
            "# Every event of one conversation, oldest first: replace "
                + CONVERSATION_ID_PLACEHOLDER,
            "fields @timestamp, gen_ai.operation.name, gen_ai.request.model,"
                + " gen_ai.response.finish_reasons.0, error.type, @message",
            "| filter gen_ai.conversation.id = \"" + CONVERSATION_ID_PLACEHOLDER + "\"",
            "| sort @timestamp asc",
            "| limit 10000"));
    PRESETS.put(
        "recent-errors",
        String.join(
            "\n",
            "# Failed requests, newest first: run it over the last hour",
            "fields @timestamp, error.type, gen_ai.request.model, gen_ai.conversation.id,"
                + " gen_ai.response.id, @message",
            "| filter ispresent(error.type)",
            "| sort @timestamp desc",
            "| limit 1000"));
    PRESETS.put(
        "token-usage-by-model",
        String.join(
            "\n",
            "# Input and output tokens and requests per model",
            "filter ispresent(gen_ai.usage.input_tokens) or ispresent(gen_ai.usage.output_tokens)",
            "| fields coalesce(gen_ai.response.model, gen_ai.request.model) as model",
            "| stats sum(gen_ai.usage.input_tokens) as input_tokens,"
                + " sum(gen_ai.usage.output_tokens) as output_tokens, count(*) as requests by model",
            "| sort input_tokens desc"));
    PRESETS.put(
        "refusals",
        String.join(
            "\n",
            "# Refusals, newest first: responses stopped by a content filter, and requests or"
                + " responses a guardrail blocked",
            "fields @timestamp, gen_ai.conversation.id, gen_ai.response.model, gen_ai.response.id,"
                + " modelaudit.guardrail.blocked, @message",
            // Logs Insights reads a JSON true as 1
            "| filter gen_ai.response.finish_reasons.0 = \"content_filter\""
                + " or gen_ai.response.finish_reasons.1 = \"content_filter\""
                + " or modelaudit.guardrail.blocked = 1",
            "| sort @timestamp desc",
            "| limit 1000"));
  }

  private QueryPresets() {}

  /** The presets' names, in the order the docs list them. */
  public static Set<String> names() {
    return PRESETS.keySet();
  }

  /** The query of a preset; throws for an unknown name (validation refuses those first). */
  public static String query(String name) {
    String query = PRESETS.get(name);
    if (query == null) {
      throw new IllegalArgumentException("unknown query preset " + name);
    }
    return query;
  }
}
