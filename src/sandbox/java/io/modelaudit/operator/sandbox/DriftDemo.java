package io.modelaudit.operator.sandbox;

import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Changes CloudWatch behind the operator's back, as a person in the AWS console might, and waits
 * for the operator to put it back: a log group's retention is changed and an alarm is deleted. With
 * push events on (all), AWS tells the operator at once (EventBridge through SQS; with moto the
 * sandbox puts the events AWS would send); otherwise the periodic resync finds the changes. With
 * moto they are real API calls.
 */
final class DriftDemo {

  /** One out-of-band change and how to tell that the operator has repaired it. */
  private record Drift(String description, BooleanSupplier repaired) {}

  private final CloudWatchGateways gateways;
  private final CloudWatchBackend.OutOfBand outOfBand;
  private final boolean pushed;
  private final PrintStream out;

  DriftDemo(
      CloudWatchGateways gateways,
      CloudWatchBackend.OutOfBand outOfBand,
      boolean pushed,
      PrintStream out) {
    this.gateways = gateways;
    this.outOfBand = outOfBand;
    this.pushed = pushed;
    this.out = out;
  }

  /**
   * Breaks what the first Ready ModelAudits own and waits for the repair.
   *
   * @return true when every change was repaired within the timeout (or there was nothing to break)
   */
  boolean run(List<ModelAudit> readyAudits, Duration timeout, BooleanSupplier stopRequested)
      throws InterruptedException {
    List<Drift> drifts = new ArrayList<>();
    changeRetention(readyAudits).ifPresent(drifts::add);
    deleteAlarm(readyAudits).ifPresent(drifts::add);
    if (drifts.isEmpty()) {
      out.println("drift: nothing to change (no Ready ModelAudit with a retention or an alarm)");
      return true;
    }
    out.println();
    out.println("drift: changing CloudWatch behind the operator's back:");
    drifts.forEach(d -> out.println("  - " + d.description()));
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    while (Instant.now().isBefore(deadline) && !stopRequested.getAsBoolean()) {
      if (drifts.stream().allMatch(d -> d.repaired().getAsBoolean())) {
        out.println(
            (pushed
                    ? "drift: repaired after AWS pushed the changes (EventBridge, SQS), after "
                    : "drift: repaired by the operator's resync after ")
                + Ages.format(Duration.between(start, Instant.now()))
                + " (kubectl describe shows the DriftRepaired and Updated/Created events)");
        return true;
      }
      Thread.sleep(250);
    }
    out.println("drift: NOT repaired within " + Ages.format(timeout));
    return false;
  }

  private Optional<Drift> changeRetention(List<ModelAudit> audits) {
    for (ModelAudit audit : audits) {
      if (audit.getStatus().getLogGroup() == null
          || audit.getStatus().getLogGroup().getRetentionInDays() == null) {
        continue;
      }
      CloudWatchGateway gateway = gateways.forRegion(audit.getStatus().getRegion());
      String group = audit.getStatus().getLogGroup().getName();
      int wanted = audit.getStatus().getLogGroup().getRetentionInDays();
      int other = wanted == 1 ? 3 : 1;
      outOfBand.setRetention(audit.getStatus().getRegion(), group, other);
      return Optional.of(
          new Drift(
              "retention of log group "
                  + group
                  + " set to "
                  + other
                  + " day(s); the spec says "
                  + wanted,
              () ->
                  gateway
                      .describeLogGroup(group)
                      .map(ObservedLogGroup::config)
                      .map(c -> Objects.equals(c.retentionInDays(), wanted))
                      .orElse(false)));
    }
    return Optional.empty();
  }

  private Optional<Drift> deleteAlarm(List<ModelAudit> audits) {
    // From the other end of the list, so that two resources show a repair when there are two.
    List<ModelAudit> lastFirst = new ArrayList<>(audits);
    Collections.reverse(lastFirst);
    for (ModelAudit audit : lastFirst) {
      List<AlarmStatus> alarms = audit.getStatus().getAlarms();
      // AWS refuses to delete an alarm a health (composite) alarm depends on, as anyone would find
      if (alarms == null || alarms.isEmpty() || audit.getStatus().getHealthAlarm() != null) {
        continue;
      }
      CloudWatchGateway gateway = gateways.forRegion(audit.getStatus().getRegion());
      String alarm = alarms.get(0).getAlarmName();
      outOfBand.deleteAlarm(audit.getStatus().getRegion(), alarm);
      return Optional.of(
          new Drift(
              "alarm " + alarm + " deleted",
              () -> !gateway.describeAlarms(List.of(alarm)).isEmpty()));
    }
    return Optional.empty();
  }
}
