package io.modelaudit.operator.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.push.PushResources;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Shows push events at work: once the operator has made its EventBridge rules and SQS queue, an
 * alarm is set to ALARM in CloudWatch (and announced as AWS would), and the sandbox times how long
 * until {@code kubectl get modelaudits} shows it; then the alarm goes back to OK.
 */
final class PushDemo {

  private final KubernetesClient client;
  private final CloudWatchBackend cloudWatch;
  private final PrintStream out;

  PushDemo(KubernetesClient client, CloudWatchBackend cloudWatch, PrintStream out) {
    this.client = client;
    this.cloudWatch = cloudWatch;
    this.out = out;
  }

  /**
   * @return true when each state change reached status within the timeout
   */
  boolean run(List<ModelAudit> readyAudits, Duration timeout, BooleanSupplier stopRequested)
      throws InterruptedException {
    Optional<ModelAudit> audit =
        readyAudits.stream()
            .filter(a -> a.getStatus().getAlarms() != null && !a.getStatus().getAlarms().isEmpty())
            .findFirst();
    if (audit.isEmpty()) {
      out.println("push: no Ready ModelAudit with an alarm to show");
      return true;
    }
    String region = audit.get().getStatus().getRegion();
    PushResources resources = new PushResources(Sandbox.config());
    out.println();
    out.println(
        "push: waiting for the operator's EventBridge rules and SQS queue "
            + resources.queueName()
            + " in "
            + region);
    if (!awaitChannel(cloudWatch.events().forRegion(region), resources, timeout, stopRequested)) {
      out.println("push: the rules and queue were NOT made within " + Ages.format(timeout));
      return false;
    }
    AlarmStatus alarm = audit.get().getStatus().getAlarms().get(0);
    String name = audit.get().getMetadata().getName();
    boolean fired =
        change(
            region,
            name,
            alarm.getAlarmName(),
            "ALARM",
            "sandbox: 9 events > 5",
            timeout,
            stopRequested);
    boolean back =
        change(
            region,
            name,
            alarm.getAlarmName(),
            "OK",
            "sandbox: back to normal",
            timeout,
            stopRequested);
    return fired && back;
  }

  private boolean change(
      String region,
      String name,
      String alarmName,
      String state,
      String reason,
      Duration timeout,
      BooleanSupplier stopRequested)
      throws InterruptedException {
    out.println("push: CloudWatch sets alarm " + alarmName + " to " + state);
    Instant start = Instant.now();
    cloudWatch.outOfBand().setAlarmState(region, alarmName, state, reason);
    Instant deadline = start.plus(timeout);
    while (Instant.now().isBefore(deadline) && !stopRequested.getAsBoolean()) {
      ModelAudit now =
          client.resources(ModelAudit.class).inNamespace(Sandbox.NAMESPACE).withName(name).get();
      if (now != null
          && now.getStatus() != null
          && now.getStatus().getAlarms() != null
          && now.getStatus().getAlarms().stream()
              .anyMatch(
                  a -> alarmName.equals(a.getAlarmName()) && reason.equals(a.getStateReason()))) {
        out.println(
            "push: kubectl get modelaudits shows "
                + name
                + " "
                + now.getStatus().getAlarmState()
                + " after "
                + Ages.format(Duration.between(start, Instant.now()))
                + " (pushed by EventBridge through SQS; polling would take up to a minute)");
        return true;
      }
      Thread.sleep(100);
    }
    out.println("push: the state did NOT reach status within " + Ages.format(timeout));
    return false;
  }

  /** Until the queue carries its access policy: the operator sets it after the rules. */
  private static boolean awaitChannel(
      EventsGateway events, PushResources resources, Duration timeout, BooleanSupplier stop)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && !stop.getAsBoolean()) {
      try {
        Optional<String> url = events.queueUrl(resources.queueName());
        if (url.isPresent() && events.queueAttributes(url.get()).containsKey("Policy")) {
          return true;
        }
      } catch (RuntimeException e) {
        // not made yet
      }
      Thread.sleep(250);
    }
    return false;
  }
}
