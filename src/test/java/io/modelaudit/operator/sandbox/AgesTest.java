package io.modelaudit.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ages read like kubectl's AGE column. */
class AgesTest {

  @Test
  void formatsLikeKubectl() {
    assertThat(Ages.format(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Ages.format(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(Ages.format(Duration.ofSeconds(312))).isEqualTo("5m12s");
    assertThat(Ages.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Ages.format(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(Ages.format(Duration.ofMinutes(200))).isEqualTo("3h20m");
    assertThat(Ages.format(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(Ages.format(Duration.ofHours(75))).isEqualTo("3d3h");
    assertThat(Ages.format(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(Ages.format(Duration.ofDays(800))).isEqualTo("2y70d");
    assertThat(Ages.format(Duration.ofMillis(-500))).isEqualTo("0s");
    assertThat(Ages.format(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
  }

  @Test
  void measuresFromATimestamp() {
    Instant now = Instant.parse("2026-01-01T12:00:00Z");

    assertThat(Ages.since("2026-01-01T11:59:30Z", now)).isEqualTo("30s");
    assertThat(Ages.since(null, now)).isEmpty();
    assertThat(Ages.since("yesterday", now)).isEqualTo("<invalid>");
  }
}
