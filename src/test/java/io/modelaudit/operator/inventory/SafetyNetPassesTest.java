package io.modelaudit.operator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.accounts.AccountResolver;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import io.modelaudit.operator.fake.InMemoryEvents;
import io.modelaudit.operator.part.AlarmState;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.push.PushEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poller running on its own threads with push on: a paced safety-net listing, which at a page a
 * minute takes long, does not hold up the passes.
 */
class SafetyNetPassesTest {

  private static final String REGION = "us-east-1";

  // passes every 200 ms; the safety net due every second, at one page a minute
  private final OperatorConfig config =
      Fixtures.config()
          .withPushEvents(PushMode.ALARMS)
          .withInventoryIntervals(Duration.ofHours(1), Duration.ofMillis(200))
          .withSafetyNet(Duration.ofSeconds(1), 1);
  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final CloudWatchGateway gateway = aws.forRegion(REGION);
  private final InMemoryEvents events = new InMemoryEvents();
  private final InventoryStore store = new InventoryStore();
  private final List<ModelAudit> resources = new CopyOnWriteArrayList<>();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final PushEvents push = new PushEvents(events, config, new Ignoring(), () -> true);
  private final InventoryPoller poller =
      new InventoryPoller(
          aws,
          config,
          AccountResolver.OWN,
          store,
          () -> resources,
          r -> requested.add(InventoryStore.key(r)),
          Clock.systemUTC(),
          new Random(7),
          push);

  @AfterEach
  void stop() {
    poller.stop();
  }

  @Test
  void aStatusErasedWhileAPacedListingRunsGetsAReconcileWithinAFewPasses() throws Exception {
    // 150 ModelAudits, 300 alarms: a listing of three pages, two minutes when paced
    for (int i = 0; i < 150; i++) {
      ModelAudit audit = InventoryFixtures.resource("ml", "m-" + i);
      DesiredState desired = InventoryFixtures.desired(audit, config);
      InventoryFixtures.create(gateway, desired);
      InventoryFixtures.markReady(audit, desired, gateway);
      resources.add(audit);
    }
    poller.start();
    assertThat(waitFor(() -> push.healthy(AwsTarget.own(REGION)))).isTrue();
    // the catch-up listing (unpaced, three pages); a second later the first paced one starts and
    // waits for the budget (the channel's checks share it)
    assertThat(waitFor(() -> aws.callCount(InMemoryCloudWatch.DESCRIBE_ALARMS) >= 3)).isTrue();
    Thread.sleep(2_000);

    ModelAudit erased = resources.get(7);
    erased.setStatus(null);

    assertThat(waitFor(() -> requested.contains(InventoryStore.key(erased))))
        .as("a reconcile asked for by a pass while the paced listing waits")
        .isTrue();
  }

  /** Bounded: at most 10 s, checked every 50 ms. */
  private static boolean waitFor(BooleanSupplier condition) {
    for (int i = 0; i < 200; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  private static final class Ignoring implements PushEvents.Dispatcher {
    @Override
    public void alarmState(AwsTarget target, String alarmName, AlarmState state) {}

    @Override
    public void alarmChanged(AwsTarget target, String alarmName, String operation) {}

    @Override
    public void changedByOthers(
        AwsTarget target, String what, Collection<String> logGroups, Collection<String> alarms) {}
  }
}
