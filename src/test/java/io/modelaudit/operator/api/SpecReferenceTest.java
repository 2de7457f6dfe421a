package io.modelaudit.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelaudit.operator.api.v1alpha1.SpecRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the generated part of docs/spec-reference.md equal to what {@link SpecReference} renders
 * from the checked-in CRD; the hand-written text around it stays as it is. Run with {@code
 * -Dcrd.update=true} to rewrite the generated part. After a change of the API classes, update the
 * CRD first: {@code ./mvnw test -Dtest='CrdGenerationTest,SpecReferenceTest' -Dcrd.update=true},
 * and once more if this test ran before the CRD was rewritten.
 */
class SpecReferenceTest {

  static final Path DOC = Path.of("docs", "spec-reference.md");
  static final String BEGIN =
      "<!-- Generated from the CRD by SpecReferenceTest (-Dcrd.update=true); do not edit by hand."
          + " -->\n";
  static final String END = "<!-- End of the generated part. -->\n";

  @Test
  void fieldReferenceMatchesTheCrd() throws IOException {
    String doc = Files.readString(DOC);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("%s lacks the line %s", DOC, BEGIN.strip()).isNotNegative();
    assertThat(end).as("%s lacks the line %s", DOC, END.strip()).isGreaterThan(begin);

    String expected =
        doc.substring(0, begin + BEGIN.length())
            + "\n"
            + SpecReference.render(CrdSchema.spec())
            + "\n"
            + doc.substring(end);
    if (Boolean.getBoolean("crd.update")) {
      Files.writeString(DOC, expected);
    }
    assertThat(doc)
        .as(
            "%s differs from the reference generated from %s; run ./mvnw test"
                + " -Dtest=SpecReferenceTest -Dcrd.update=true",
            DOC, CrdSchema.CHECKED_IN)
        .isEqualTo(expected);
  }

  @Test
  void everyFieldOfTheSpecIsInTheReference() {
    String reference = SpecReference.render(CrdSchema.spec());
    assertThat(reference)
        .contains("| `region` | string | ≤ 32 characters; pattern")
        .contains("| `alarms[].period` | integer | required; 10-604800;")
        .contains("| `logGroup.class` | string | one of `INFREQUENT_ACCESS`, `STANDARD`;")
        .contains("| `tags` | map of string to string | ≤ " + SpecRules.TAGS_MAX + " entries |")
        .contains("- `alarms[]`: give exactly one of metricFilter, metric or metrics");
    assertThat(reference.lines().filter(line -> line.startsWith("| `")))
        .hasSize(fieldsIn(CrdSchema.spec()));
  }

  /** The fields of an object schema, with those of its objects and of its lists' items. */
  private static int fieldsIn(JsonNode schema) {
    int fields = 0;
    for (JsonNode field : schema.path("properties")) {
      fields += 1 + fieldsIn(field) + fieldsIn(field.path("items"));
    }
    return fields;
  }
}
