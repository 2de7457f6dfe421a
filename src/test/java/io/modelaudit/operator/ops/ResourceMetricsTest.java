package io.modelaudit.operator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Per-resource gauges follow status and go away with the resource. */
class ResourceMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ResourceMetrics metrics = new ResourceMetrics(registry);

  @Test
  void readyAndTheWorstAlarmStateAreOneAndTheOtherStatesZero() {
    metrics.update("ml", "fraud", true, "ALARM");

    assertThat(ready("ml", "fraud")).isEqualTo(1.0);
    assertThat(alarmState("ml", "fraud", "ALARM")).isEqualTo(1.0);
    assertThat(alarmState("ml", "fraud", "OK")).isEqualTo(0.0);
    assertThat(alarmState("ml", "fraud", "INSUFFICIENT_DATA")).isEqualTo(0.0);

    metrics.update("ml", "fraud", false, "OK");

    assertThat(ready("ml", "fraud")).isEqualTo(0.0);
    assertThat(alarmState("ml", "fraud", "ALARM")).isEqualTo(0.0);
    assertThat(alarmState("ml", "fraud", "OK")).isEqualTo(1.0);
  }

  @Test
  void noAlarmStateSetsEveryStateToZero() {
    metrics.update("ml", "fraud", true, null);

    for (String state : ResourceMetrics.ALARM_STATES) {
      assertThat(alarmState("ml", "fraud", state)).isEqualTo(0.0);
    }
  }

  @Test
  void resourcesAreSeparateAndRemovalDropsOnlyTheirSeries() {
    metrics.update("ml", "fraud", true, "OK");
    metrics.update("ml", "llm", false, "ALARM");

    metrics.remove("ml", "fraud");

    assertThat(registry.find(ResourceMetrics.READY).tag("name", "fraud").gauges()).isEmpty();
    assertThat(registry.find(ResourceMetrics.ALARM_STATE).tag("name", "fraud").gauges()).isEmpty();
    assertThat(ready("ml", "llm")).isEqualTo(0.0);
    assertThat(alarmState("ml", "llm", "ALARM")).isEqualTo(1.0);

    metrics.update("ml", "fraud", true, "OK");
    assertThat(ready("ml", "fraud")).isEqualTo(1.0);
    metrics.remove("ml", "unknown");
  }

  private double ready(String namespace, String name) {
    Gauge gauge =
        registry.find(ResourceMetrics.READY).tags("namespace", namespace, "name", name).gauge();
    assertThat(gauge).isNotNull();
    return gauge.value();
  }

  private double alarmState(String namespace, String name, String state) {
    Gauge gauge =
        registry
            .find(ResourceMetrics.ALARM_STATE)
            .tags("namespace", namespace, "name", name, "state", state)
            .gauge();
    assertThat(gauge).isNotNull();
    return gauge.value();
  }
}
