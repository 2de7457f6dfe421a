package io.modelaudit.operator.cloudwatch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fence in front of CloudWatch: once {@linkplain #close(String) closed}, every port call fails at
 * once with {@link FencedException} and none reaches AWS; calls already under way run to their end,
 * and {@link #awaitIdle(Duration)} waits for them. A replica closes it when it stops leading (its
 * own shutdown, or a lost Lease), so that from then on only the new leader writes to AWS, and it
 * hands its Lease over only once its last call has returned.
 *
 * <p>Every method of the port goes through the fence, present and future ones alike (the wrapper is
 * a dynamic proxy of {@link CloudWatchGateway}). It sits inside the client-side rate limiter: a
 * call that waited for a permit is checked when it gets one, just before it would go to AWS.
 */
public final class FencedCloudWatchGateways implements CloudWatchGateways {

  private final CloudWatchGateways delegate;
  private final Map<AwsTarget, CloudWatchGateway> byTarget = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private int inFlight;
  private String closedBecause;

  public FencedCloudWatchGateways(CloudWatchGateways delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public CloudWatchGateway forTarget(AwsTarget target) {
    Objects.requireNonNull(target, "target");
    return byTarget.computeIfAbsent(target, t -> fenced(delegate.forTarget(t)));
  }

  /** Refuses every call from now on; the reason goes into each refusal's message. Idempotent. */
  public void close(String reason) {
    synchronized (lock) {
      if (closedBecause == null) {
        closedBecause = Objects.requireNonNull(reason, "reason");
      }
    }
  }

  public boolean isClosed() {
    synchronized (lock) {
      return closedBecause != null;
    }
  }

  /** Port calls that passed the fence and have not returned yet. */
  public int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  /**
   * Waits until no call is under way, at most the timeout; true when none is. Meant for after
   * {@link #close(String)}: before it, new calls may start at any time.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        // wait's millisecond resolution: round up so a short remainder still waits
        lock.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
      }
      return true;
    }
  }

  private void enter(String operation) {
    synchronized (lock) {
      if (closedBecause != null) {
        throw new FencedException(operation, closedBecause);
      }
      inFlight++;
    }
  }

  private void exit() {
    synchronized (lock) {
      inFlight--;
      if (inFlight == 0) {
        lock.notifyAll();
      }
    }
  }

  private CloudWatchGateway fenced(CloudWatchGateway target) {
    return (CloudWatchGateway)
        Proxy.newProxyInstance(
            CloudWatchGateway.class.getClassLoader(),
            new Class<?>[] {CloudWatchGateway.class},
            (proxy, method, args) -> call(target, method, args));
  }

  private Object call(CloudWatchGateway target, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return invoke(target, method, args);
    }
    enter(method.getName());
    try {
      return invoke(target, method, args);
    } finally {
      exit();
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A port call refused because this replica may no longer call AWS. */
  public static final class FencedException extends RuntimeException {

    private final String operation;

    FencedException(String operation, String reason) {
      super(operation + ": not sent to AWS, " + reason);
      this.operation = operation;
    }

    /** The port method that was refused, e.g. putMetricAlarm. */
    public String operation() {
      return operation;
    }
  }
}
