package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.inventory.InventoryStore;
import io.modelaudit.operator.part.AlarmState;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.composite.CompositePart;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The alarm states AWS pushed, laid over a status about to be written, for the metric alarms and
 * the health alarm alike: a state that arrived while a reconcile read AWS is not lost, and one
 * older than what status shows is never taken.
 */
final class PushedStates {

  private PushedStates() {}

  /** Replaces each alarm's state in the next status with a newer pushed one, if any. */
  static Consumer<ModelAuditStatus> overlay(InventoryStore inventory, DesiredState desired) {
    Function<String, Optional<AlarmState>> pushed =
        name -> inventory.pushedAlarmState(desired.target(), name);
    return next -> {
      AlarmsPart.withNewerStates(next.getAlarms(), pushed).ifPresent(next::setAlarms);
      CompositePart.withNewerState(next.getHealthAlarm(), pushed).ifPresent(next::setHealthAlarm);
    };
  }
}
