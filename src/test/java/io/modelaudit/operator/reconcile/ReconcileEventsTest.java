package io.modelaudit.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modelaudit.operator.api.v1alpha1.HealthAlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.status.Reason;
import io.modelaudit.operator.status.StatusBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events are news: a reconcile that changes nothing records none. */
class ReconcileEventsTest {

  /** Keeps the events instead of writing them. */
  private static final class Recorded extends EventRecorder {
    final List<String> events = new ArrayList<>();

    Recorded() {
      super(null);
    }

    @Override
    public void normal(HasMetadata resource, Reason reason, String message) {
      events.add("Normal " + reason.name() + ": " + message);
    }

    @Override
    public void warning(HasMetadata resource, Reason reason, String message) {
      events.add("Warning " + reason.name() + ": " + message);
    }
  }

  private final Recorded recorder = new Recorded();
  private final ReconcileEvents events = new ReconcileEvents(recorder);
  private final ModelAudit resource = new ModelAudit();

  @Test
  void becomingReadyIsNewsStayingReadyIsNot() {
    Outcome ready = Outcome.synced("log group /g in sync in us-east-1");
    ModelAuditStatus first =
        StatusBuilder.next(null, 1, ready, null, false, "2026-11-30T08:00:00Z");

    events.record(resource, null, first, SyncResult.of(ready, List.of()));
    assertThat(recorder.events).containsExactly("Normal Synced: log group /g in sync in us-east-1");

    recorder.events.clear();
    ModelAuditStatus again =
        StatusBuilder.next(first, 1, ready, null, false, "2026-11-30T08:00:05Z");
    events.record(resource, first, again, SyncResult.of(ready, List.of()));

    assertThat(recorder.events).isEmpty();
  }

  @Test
  void theHealthAlarmEnteringAlarmIsAWarningAndLeavingItNews() {
    Outcome ready = Outcome.synced("in sync");
    ModelAuditStatus ok = StatusBuilder.next(null, 1, ready, null, false, "2026-11-30T08:00:00Z");
    ok.setHealthAlarm(new HealthAlarmStatus("h", "arn:h", List.of("a"), "OK", "fine", null));
    ModelAuditStatus alarm = ok.copy();
    alarm.setHealthAlarm(
        new HealthAlarmStatus("h", "arn:h", List.of("a"), "ALARM", "rule is TRUE", null));

    events.record(resource, ok, alarm, SyncResult.of(ready, List.of()));
    events.record(resource, alarm, ok, SyncResult.of(ready, List.of()));

    assertThat(recorder.events)
        .containsExactly(
            "Warning AlarmStateChanged: health alarm is ALARM (was OK): rule is TRUE",
            "Normal AlarmStateChanged: health alarm is OK (was ALARM): fine");
  }
}
