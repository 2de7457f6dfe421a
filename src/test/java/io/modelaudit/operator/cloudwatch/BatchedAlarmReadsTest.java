package io.modelaudit.operator.cloudwatch;

import static io.modelaudit.operator.fake.InMemoryCloudWatch.DESCRIBE_ALARMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.fake.InMemoryCloudWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent describeAlarms calls share AWS calls; each caller gets exactly its own alarms. */
class BatchedAlarmReadsTest {

  private static final String REGION = "us-east-1";

  private final InMemoryCloudWatch aws = new InMemoryCloudWatch();
  private final CloudWatchGateway batched = new BatchedAlarmReads(aws).forRegion(REGION);
  private final ExecutorService callers = Executors.newFixedThreadPool(12);
  private final List<Thread> callerThreads = new ArrayList<>();

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  @Test
  void callersWaitingForTheSameCallShareTheNextOne() throws Exception {
    IntStream.range(0, 11).forEach(i -> seedAlarm("a-" + i));
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    aws.injectFaults(
        (region, operation) -> {
          if (operation.equals(DESCRIBE_ALARMS) && calls.incrementAndGet() == 1) {
            awaitQuietly(release);
          }
          return null;
        });
    aws.resetCalls();

    Future<List<ObservedAlarm>> first = ask(List.of("a-0"));
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
    List<Future<List<ObservedAlarm>>> others = new ArrayList<>();
    for (int i = 1; i < 11; i++) {
      // two names each, one of them missing in AWS
      others.add(ask(List.of("a-" + i, "missing-" + i)));
    }
    awaitCallersWaiting(11);
    release.countDown();

    assertThat(names(first.get(10, TimeUnit.SECONDS))).containsExactly("a-0");
    for (int i = 1; i < 11; i++) {
      assertThat(names(others.get(i - 1).get(10, TimeUnit.SECONDS))).containsExactly("a-" + i);
    }
    // the first alone, then the ten that gathered while it was out, together
    assertThat(aws.calls()).isEqualTo(Map.of(DESCRIBE_ALARMS, 2));
  }

  @Test
  void aFailedCallFailsEveryCallerItCarried() throws Exception {
    seedAlarm("b-0");
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    aws.injectFaults(
        (region, operation) -> {
          int call = calls.incrementAndGet();
          if (call == 1) {
            awaitQuietly(release);
          }
          return call == 2 ? Kind.PERMISSION : null;
        });

    Future<List<ObservedAlarm>> first = ask(List.of("b-0"));
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
    Future<List<ObservedAlarm>> second = ask(List.of("b-1"));
    Future<List<ObservedAlarm>> third = ask(List.of("b-2"));
    awaitCallersWaiting(3);
    release.countDown();

    assertThat(names(first.get(10, TimeUnit.SECONDS))).containsExactly("b-0");
    for (Future<List<ObservedAlarm>> failed : List.of(second, third)) {
      assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(GatewayException.class)
          .cause()
          .satisfies(e -> assertThat(((GatewayException) e).kind()).isEqualTo(Kind.PERMISSION));
    }
    // and the next caller calls again
    assertThat(names(batched.describeAlarms(List.of("b-0")))).containsExactly("b-0");
  }

  @Test
  void aCallOfAHundredNamesOrMoreGoesStraightToAws() {
    List<String> names = IntStream.range(0, 150).mapToObj(i -> "c-" + i).toList();
    names.stream().limit(3).forEach(this::seedAlarm);
    aws.resetCalls();

    assertThat(batched.describeAlarms(names)).hasSize(3);
    // one port call, as asked (the adapter splits it into AWS's batches of 100)
    assertThat(aws.calls()).isEqualTo(Map.of(DESCRIBE_ALARMS, 1));
  }

  @Test
  void anInterruptedCallerLeavesAndTheOthersAreServed() throws Exception {
    seedAlarm("d-1");
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    aws.injectFaults(
        (region, operation) -> {
          if (calls.incrementAndGet() == 1) {
            awaitQuietly(release);
          }
          return null;
        });
    Future<List<ObservedAlarm>> first = ask(List.of("d-0"));
    await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
    Future<List<ObservedAlarm>> interrupted = ask(List.of("d-x"));
    Future<List<ObservedAlarm>> patient = ask(List.of("d-1"));
    awaitCallersWaiting(3);

    interrupted.cancel(true);
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(names(patient.get(10, TimeUnit.SECONDS))).containsExactly("d-1");
  }

  private Future<List<ObservedAlarm>> ask(List<String> names) {
    return callers.submit(
        () -> {
          synchronized (callerThreads) {
            callerThreads.add(Thread.currentThread());
          }
          return batched.describeAlarms(names);
        });
  }

  /** Until this many callers block: one in the held call, the rest waiting for their turn. */
  private void awaitCallersWaiting(int count) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              synchronized (callerThreads) {
                return callerThreads.size() == count
                    && callerThreads.stream()
                        .allMatch(
                            t ->
                                t.getState() == Thread.State.WAITING
                                    || t.getState() == Thread.State.TIMED_WAITING);
              }
            });
  }

  private void seedAlarm(String name) {
    aws.seedAlarm(
        REGION,
        new AlarmConfig(
            name,
            null,
            "ns",
            "metric",
            Map.of(),
            "Sum",
            null,
            60,
            1,
            null,
            "GreaterThanThreshold",
            1,
            null,
            true,
            List.of(),
            List.of(),
            List.of(),
            null),
        Map.of());
  }

  private static List<String> names(List<ObservedAlarm> alarms) {
    return alarms.stream().map(ObservedAlarm::alarmName).toList();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
