package io.modelaudit.operator.fake;

import io.modelaudit.operator.cloudwatch.AwsOperation;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.GatewayException.Kind;
import io.modelaudit.operator.cloudwatch.InterceptedCloudWatchGateways;
import io.modelaudit.operator.cloudwatch.Operations.Service;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failure switches, latency and hooks around a CloudWatch, the way a flaky network, an unreachable
 * or slow AWS, or an operator that dies mid-call would behave. An injected failure carries the
 * error code the operation's API uses for its kind.
 *
 * <p>Before each call, in this order: the {@link FaultInjector}, the operation's latency, then the
 * queued and standing failures ({@link #failNext}, {@link #failAlways}, {@link #failAll}); after a
 * mutating call that took effect, the {@link MutationHook}.
 */
public final class FaultyCloudWatch extends InterceptedCloudWatchGateways {

  /**
   * Decides before each call whether it fails, the way a flaky network or a throttling AWS would.
   * It runs before the call reaches the store, so it may also block the caller.
   */
  @FunctionalInterface
  public interface FaultInjector {

    /** The kind to fail this call with, or null to let it through. */
    Kind beforeCall(String region, String operation);
  }

  /**
   * Sees every mutating call after AWS applied it, e.g. to stop the operator right there. When it
   * throws, the caller gets that exception although the change was made, as when AWS's answer is
   * lost on the way back.
   */
  @FunctionalInterface
  public interface MutationHook {

    /**
     * @param number 1 for the first mutating call that took effect since the hook was installed
     */
    void afterMutation(int number, String region, String operation);
  }

  private static final Map<Kind, String> LOGS_ERROR_CODES = new EnumMap<>(Kind.class);
  private static final Map<Kind, String> CLOUDWATCH_ERROR_CODES = new EnumMap<>(Kind.class);

  static {
    LOGS_ERROR_CODES.put(Kind.INVALID_INPUT, "InvalidParameterException");
    LOGS_ERROR_CODES.put(Kind.TRANSIENT, "ServiceUnavailableException");
    LOGS_ERROR_CODES.put(Kind.ALREADY_EXISTS, "ResourceAlreadyExistsException");
    LOGS_ERROR_CODES.put(Kind.NOT_FOUND, "ResourceNotFoundException");
    LOGS_ERROR_CODES.put(Kind.PERMISSION, "AccessDeniedException");
    LOGS_ERROR_CODES.put(Kind.LIMIT_EXCEEDED, "LimitExceededException");
    LOGS_ERROR_CODES.put(Kind.CONFLICT, "InvalidOperationException");
    CLOUDWATCH_ERROR_CODES.put(Kind.INVALID_INPUT, "InvalidParameterValue");
    CLOUDWATCH_ERROR_CODES.put(Kind.TRANSIENT, "Throttling");
    CLOUDWATCH_ERROR_CODES.put(Kind.ALREADY_EXISTS, "ResourceConflictException");
    CLOUDWATCH_ERROR_CODES.put(Kind.NOT_FOUND, "ResourceNotFoundException");
    CLOUDWATCH_ERROR_CODES.put(Kind.PERMISSION, "AccessDenied");
    CLOUDWATCH_ERROR_CODES.put(Kind.LIMIT_EXCEEDED, "LimitExceeded");
    CLOUDWATCH_ERROR_CODES.put(Kind.CONFLICT, "ConflictException");
  }

  private final Object lock = new Object();
  private final Map<String, Deque<Kind>> nextFailures = new HashMap<>();
  private final Map<String, Kind> alwaysFailures = new HashMap<>();
  private Kind allFailure;
  private final ConcurrentMap<String, Duration> latencies = new ConcurrentHashMap<>();
  private final AtomicInteger mutationsSinceHook = new AtomicInteger();
  private volatile FaultInjector faultInjector;
  private volatile MutationHook mutationHook;

  public FaultyCloudWatch(CloudWatchGateways delegate) {
    super(delegate);
  }

  /**
   * Makes the next {@code times} calls of the operation fail with this kind. Successive calls queue
   * up: failNext(op, TRANSIENT, 2) then failNext(op, PERMISSION, 1) fails three times.
   */
  public void failNext(String operation, Kind kind, int times) {
    FakeOperations.require(operation);
    Objects.requireNonNull(kind, "kind");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    synchronized (lock) {
      Deque<Kind> queue = nextFailures.computeIfAbsent(operation, k -> new ArrayDeque<>());
      for (int i = 0; i < times; i++) {
        queue.addLast(kind);
      }
    }
  }

  /** Makes every call of the operation fail with this kind until {@link #clearFailures()}. */
  public void failAlways(String operation, Kind kind) {
    FakeOperations.require(operation);
    Objects.requireNonNull(kind, "kind");
    synchronized (lock) {
      alwaysFailures.put(operation, kind);
    }
  }

  /**
   * Makes every call of every operation fail with this kind until {@link #clearFailures()}; with
   * TRANSIENT this is AWS being unreachable.
   */
  public void failAll(Kind kind) {
    Objects.requireNonNull(kind, "kind");
    synchronized (lock) {
      allFailure = kind;
    }
  }

  public void clearFailures() {
    synchronized (lock) {
      nextFailures.clear();
      alwaysFailures.clear();
      allFailure = null;
    }
  }

  /** Delays every call of the operation by this duration; zero removes the delay. */
  public void latency(String operation, Duration delay) {
    FakeOperations.require(operation);
    if (delay == null || delay.isZero()) {
      latencies.remove(operation);
    } else if (delay.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + delay);
    } else {
      latencies.put(operation, delay);
    }
  }

  public void clearLatencies() {
    latencies.clear();
  }

  /** Consults this injector before every call; null removes it. */
  public void injectFaults(FaultInjector injector) {
    faultInjector = injector;
  }

  /**
   * Calls this hook after every mutating call that took effect, numbered from 1; null removes it.
   */
  public void afterMutatingCalls(MutationHook hook) {
    mutationsSinceHook.set(0);
    mutationHook = hook;
  }

  @Override
  protected PortInterceptor interceptor(AwsTarget target) {
    String region = target.region();
    return (operation, args, call) -> {
      String name = operation.name();
      FaultInjector injector = faultInjector;
      if (injector != null) {
        Kind injected = injector.beforeCall(region, name);
        if (injected != null) {
          throw injected(operation, injected);
        }
      }
      Duration delay = latencies.get(name);
      if (delay != null) {
        sleep(name, delay);
      }
      Kind queued = takeFailure(name);
      if (queued != null) {
        throw injected(operation, queued);
      }
      Object result = call.get();
      MutationHook hook = mutationHook;
      if (hook != null && FakeOperations.MUTATING.contains(name)) {
        hook.afterMutation(mutationsSinceHook.incrementAndGet(), region, name);
      }
      return result;
    };
  }

  private Kind takeFailure(String operation) {
    synchronized (lock) {
      Deque<Kind> queue = nextFailures.get(operation);
      if (queue != null && !queue.isEmpty()) {
        return queue.removeFirst();
      }
      Kind always = alwaysFailures.get(operation);
      return always != null ? always : allFailure;
    }
  }

  /**
   * A failure as AWS words it: a denial names the caller's role and account, as AWS's does, so that
   * tests can check it never reaches what tenants read.
   */
  private static GatewayException injected(AwsOperation operation, Kind kind) {
    boolean logs = operation.service() == Service.LOGS;
    String code = (logs ? LOGS_ERROR_CODES : CLOUDWATCH_ERROR_CODES).get(kind);
    String message =
        kind == Kind.PERMISSION
            ? "User: arn:aws:sts::"
                + CloudWatchStore.ACCOUNT_ID
                + ":assumed-role/modelaudit-operator/injected-session is not authorized to"
                + " perform: "
                + (logs ? "logs:" : "cloudwatch:")
                + operation.name()
                + " (failure injected by the test)"
            : "failure injected by the test";
    return new GatewayException(kind, operation.name(), code, message);
  }

  private static void sleep(String operation, Duration delay) {
    try {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(
          Kind.TRANSIENT, operation, null, "interrupted while waiting for the response", e);
    }
  }
}
