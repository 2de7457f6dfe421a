package io.modelaudit.operator.part.composite;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.api.v1alpha1.HealthAlarmStatus;
import io.modelaudit.operator.part.AlarmState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pushed state of the health alarm is taken only when it is newer than what status shows. */
class HealthAlarmStateTest {

  private static final String NAME = "modelaudit-ml-prod/support-assistant/_health";
  private static final Instant SHOWN = Instant.parse("2026-11-30T10:00:00Z");

  private final HealthAlarmStatus current =
      new HealthAlarmStatus(NAME, "arn", List.of("error-rate"), "OK", "fine", SHOWN.toString());

  @Test
  void aNewerPushedStateReplacesTheShownOne() {
    AlarmState pushed = new AlarmState("ALARM", "rule TRUE", SHOWN.plusSeconds(5));

    Optional<HealthAlarmStatus> next =
        CompositePart.withNewerState(
            current, name -> Optional.of(pushed).filter(p -> name.equals(NAME)));

    assertThat(next)
        .hasValueSatisfying(
            h -> {
              assertThat(h.getState()).isEqualTo("ALARM");
              assertThat(h.getStateReason()).isEqualTo("rule TRUE");
              assertThat(h.getStateUpdatedAt()).isEqualTo(SHOWN.plusSeconds(5).toString());
              assertThat(h.getAlarms()).containsExactly("error-rate");
            });
  }

  @Test
  void anOlderOrRepeatedStateIsNotTaken() {
    assertThat(
            CompositePart.withNewerState(
                current,
                name -> Optional.of(new AlarmState("ALARM", "late", SHOWN.minusSeconds(60)))))
        .isEmpty();
    assertThat(
            CompositePart.withNewerState(
                current, name -> Optional.of(new AlarmState("OK", "fine", SHOWN))))
        .isEmpty();
    assertThat(CompositePart.withNewerState(null, name -> Optional.empty())).isEmpty();
  }
}
