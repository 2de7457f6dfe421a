package io.modelaudit.operator.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricMathTest {

  @Test
  void theIdsOfAnExpressionAreItsLowerCaseWords() throws Exception {
    MetricMath.Parsed parsed = MetricMath.parse("IF(requests > 0, 100 * errors / requests, 0)");

    assertThat(parsed.ids()).containsExactly("requests", "errors");
    assertThat(parsed.band()).isEmpty();
  }

  @Test
  void stringsNumbersAndFunctionsAreNoIds() throws Exception {
    assertThat(MetricMath.parse("FILL(m1, REPEAT) + 1.5e3 - .5").ids()).containsExactly("m1");
    assertThat(MetricMath.parse("SUM(METRICS('errors'))").ids()).isEmpty();
    assertThat(MetricMath.parse("m1 AND NOT (m2 || m3)").ids()).containsExactly("m1", "m2", "m3");
  }

  @Test
  void aWholeBandExpressionIsABandAroundItsId() throws Exception {
    assertThat(MetricMath.parse("ANOMALY_DETECTION_BAND(tokens, 3)").band())
        .contains(new MetricMath.Band("tokens", 3));
    assertThat(MetricMath.parse(" ANOMALY_DETECTION_BAND( m1 ) ").band())
        .contains(new MetricMath.Band("m1", MetricMath.DEFAULT_BAND_WIDTH));
    // a band inside something else is no alarm's band
    assertThat(MetricMath.parse("FIRST(ANOMALY_DETECTION_BAND(m1))").band()).isEmpty();
    assertThat(MetricMath.parse("ANOMALY_DETECTION_BAND(m1) * 2").band()).isEmpty();
    assertThat(MetricMath.parse("ANOMALY_DETECTION_BAND(m1, 0)").band())
        .isEqualTo(Optional.empty());
  }

  @Test
  void malformedExpressionsSayWhatAndWhere() {
    assertMalformed("100 * (errors / requests", "'(' is not closed");
    assertMalformed("errors / requests)", "unbalanced ')' at position 17");
    assertMalformed("errors ; requests", "unexpected character ';' at position 7");
    assertMalformed("SEARCH('{AWS/EC2} x', 'Average', 300)", "an alarm watches exactly one");
    assertMalformed("sum(m1)", "unknown function sum at position 0");
    assertMalformed("'open", "is not closed");
    assertMalformed("  ", "no metric, function or number");
  }

  private static void assertMalformed(String expression, String message) {
    assertThatThrownBy(() -> MetricMath.parse(expression))
        .isInstanceOf(MetricMath.Malformed.class)
        .hasMessageContaining(message);
  }
}
