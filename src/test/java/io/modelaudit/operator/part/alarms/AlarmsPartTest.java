package io.modelaudit.operator.part.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.cloudwatch.AlarmConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlarmsPartTest {

  /**
   * The API documents percentiles as "between p0.0 and p100"; an alarm put with p99 may be
   * described as p99.0. Comparing the text would put the alarm again on every reconcile.
   */
  @ParameterizedTest
  @CsvSource({
    "p99, p99.0",
    "p99, p99.00",
    "p99.9, p99.90",
    "p0, p0.0",
    "p100, p100.0",
    "tm90, tm90.0",
    "wm99.5, wm99.50",
    "IQM, IQM"
  })
  void aPercentileWrittenAnotherWayIsTheSameStatistic(String spec, String described) {
    assertThat(AlarmsPart.same(alarm(spec), alarm(described))).isTrue();
    assertThat(AlarmsPart.same(alarm(described), alarm(spec))).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"p99, p99.9", "p99, p9.9", "p90, tm90", "p99, IQM", "p50, p5.0"})
  void anotherPercentileIsAnotherStatistic(String spec, String described) {
    assertThat(AlarmsPart.same(alarm(spec), alarm(described))).isFalse();
  }

  private static AlarmConfig alarm(String extendedStatistic) {
    return new AlarmConfig(
        "modelaudit-team/model/slow",
        null,
        "AIModelAuditing",
        "Latency",
        Map.of(),
        null,
        extendedStatistic,
        300,
        3,
        null,
        "GreaterThanThreshold",
        250,
        null,
        true,
        List.of(),
        List.of(),
        List.of(),
        null);
  }
}
