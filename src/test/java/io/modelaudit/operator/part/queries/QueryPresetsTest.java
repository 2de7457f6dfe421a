package io.modelaudit.operator.part.queries;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.profiles.EventSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The saved queries read the event schema the AI audit profiles count (docs/events.md): a query
 * that names a field the schema does not have finds nothing, silently.
 */
class QueryPresetsTest {

  /** A field of the schema in a query: a dotted name in one of the schema's namespaces. */
  private static final Pattern FIELD =
      Pattern.compile("\\b(?:gen_ai|error|modelaudit)(?:\\.[a-z_0-9]+)+");

  /** A field in the first column of the schema's field table. */
  private static final Pattern DOCUMENTED = Pattern.compile("(?m)^\\| `([a-z_.0-9]+)` \\|");

  @Test
  void everyFieldAQueryNamesIsAFieldOfTheEventSchema() throws IOException {
    Set<String> documented = documentedFields();
    assertThat(documented).contains("gen_ai.conversation.id", "error.type");

    for (String preset : QueryPresets.names()) {
      String query = QueryPresets.query(preset);
      Matcher fields = FIELD.matcher(query);
      while (fields.find()) {
        // Logs Insights names array elements .0, .1, ...
        String field = fields.group().replaceAll("\\.[0-9]+$", "");
        assertThat(documented).as("field %s of query %s", field, preset).contains(field);
      }
    }
  }

  @Test
  void theRefusalsQueryFindsWhatTheRefusalRatePresetCounts() {
    String query = QueryPresets.query("refusals");
    String first = fieldOf(EventSchema.FIRST_FINISH_REASON).replace("[0]", ".0");

    assertThat(query)
        .contains(first + " = \"content_filter\"")
        .contains(fieldOf(EventSchema.GUARDRAIL_BLOCKED) + " = 1");
  }

  @Test
  void theErrorsQueryFindsWhatTheErrorRatePresetCounts() {
    assertThat(QueryPresets.query("recent-errors"))
        .contains("ispresent(" + fieldOf(EventSchema.ERROR_TYPE) + ")");
  }

  /** A metric filter selector ($.a.b) as the Logs Insights field it is (a.b). */
  private static String fieldOf(String selector) {
    return selector.substring("$.".length());
  }

  private static Set<String> documentedFields() throws IOException {
    Set<String> fields = new TreeSet<>();
    Matcher rows = DOCUMENTED.matcher(Files.readString(Path.of("docs", "events.md")));
    while (rows.find()) {
      fields.add(rows.group(1));
    }
    return fields;
  }
}
