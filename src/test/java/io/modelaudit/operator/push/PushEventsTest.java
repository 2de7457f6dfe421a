package io.modelaudit.operator.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.Operations;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.fake.InMemoryEvents;
import io.modelaudit.operator.part.AlarmState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The consumer's calls on the queue: what it receives it deletes, and nothing else. */
class PushEventsTest {

  private static final String REGION = "us-east-1";

  // long polls of one second, so that several pass quickly
  private final OperatorConfig config =
      OperatorConfig.defaults()
          .withPushEvents(PushMode.ALARMS)
          .withInventoryIntervals(Duration.ofMinutes(5), Duration.ofSeconds(1));
  private final InMemoryEvents events = new InMemoryEvents();
  private final PushEvents push = new PushEvents(events, config, new Ignoring(), () -> true);

  @AfterEach
  void stop() {
    push.close();
  }

  @Test
  void emptyLongPollsDeleteNothingAndAReceivedMessageIsDeletedOnce() {
    AwsTarget target = AwsTarget.own(REGION);
    push.use(List.of(target));
    push.start();
    assertThat(waitFor(() -> push.healthy(target))).as("the channel works").isTrue();

    // several long polls come back empty: no DeleteMessageBatch for them
    assertThat(waitFor(() -> calls(Operations.RECEIVE_MESSAGE) >= 3)).isTrue();
    assertThat(calls(Operations.DELETE_MESSAGE_BATCH)).isZero();

    // a message that is not an event (poison) is received, logged and deleted, in one call
    String queue = new PushResources(config).queueName();
    events.sendRaw(REGION, queue, "not an event");
    assertThat(waitFor(() -> calls(Operations.DELETE_MESSAGE_BATCH) == 1)).isTrue();
    int receives = calls(Operations.RECEIVE_MESSAGE);
    assertThat(waitFor(() -> calls(Operations.RECEIVE_MESSAGE) >= receives + 2)).isTrue();
    assertThat(calls(Operations.DELETE_MESSAGE_BATCH)).isEqualTo(1);
    assertThat(events.messagesIn(REGION, queue)).isZero();
  }

  private int calls(String operation) {
    return events.calls().getOrDefault(operation, 0);
  }

  /** Bounded: at most 15 s, checked every 50 ms. */
  private static boolean waitFor(BooleanSupplier condition) {
    for (int i = 0; i < 300; i++) {
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
