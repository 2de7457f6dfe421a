package io.modelaudit.operator.cloudwatch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the {@link CloudWatchGateway#describeAlarms} calls that reconciles make at the same time
 * into one AWS call: DescribeAlarms takes up to {@value Operations#NAMES_PER_CALL} names, and
 * during a bulk creation dozens of reconciles each read their own one or two alarms while they wait
 * for the same permit. The read stays as fresh as the caller's own: a caller's names join a call
 * that starts after the caller asked.
 *
 * <p>One caller at a time calls AWS with the names of every caller waiting then (first come, first
 * served, up to 100 names); the others wait for its answer. When the call returns, the next waiting
 * caller makes the next call with the names gathered meanwhile. Each caller gets exactly the alarms
 * it asked for, or the call's failure. Calls with 100 names or more go straight to AWS. Every other
 * port method passes through unchanged. It sits in front of the rate limiter, so that callers
 * gather while a permit is awaited.
 */
public final class BatchedAlarmReads implements CloudWatchGateways {

  private static final Method DESCRIBE_ALARMS = describeAlarmsMethod();

  private final CloudWatchGateways delegate;
  private final Map<AwsTarget, CloudWatchGateway> byTarget = new ConcurrentHashMap<>();

  public BatchedAlarmReads(CloudWatchGateways delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public CloudWatchGateway forTarget(AwsTarget target) {
    Objects.requireNonNull(target, "target");
    // one batch per identity and region: a role's reads are never made with another's credentials
    return byTarget.computeIfAbsent(target, t -> batched(delegate.forTarget(t)));
  }

  private static CloudWatchGateway batched(CloudWatchGateway target) {
    Batcher batcher = new Batcher(target);
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.equals(DESCRIBE_ALARMS)) {
            @SuppressWarnings("unchecked")
            Collection<String> names = (Collection<String>) args[0];
            return batcher.describe(names);
          }
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> "batched alarm reads of " + target;
            };
          }
          if (method.isDefault()) {
            // made of other port calls, each of which comes back through this proxy
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (CloudWatchGateway)
        Proxy.newProxyInstance(
            CloudWatchGateway.class.getClassLoader(),
            new Class<?>[] {CloudWatchGateway.class},
            handler);
  }

  private static Method describeAlarmsMethod() {
    try {
      return CloudWatchGateway.class.getMethod("describeAlarms", Collection.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the port has no describeAlarms(Collection)", e);
    }
  }

  /** One caller's names, and what it gets back once a call carried them. */
  private static final class Request {
    final Set<String> names;
    boolean leads;
    boolean done;
    List<ObservedAlarm> found;
    RuntimeException failure;

    Request(Set<String> names) {
      this.names = names;
    }
  }

  /** The callers of one target's gateway: who calls AWS now, who waits. */
  static final class Batcher {

    private final CloudWatchGateway target;
    private final Object lock = new Object();
    private final Deque<Request> waiting = new ArrayDeque<>();
    private boolean calling;

    Batcher(CloudWatchGateway target) {
      this.target = target;
    }

    List<ObservedAlarm> describe(Collection<String> names) {
      Set<String> wanted = new LinkedHashSet<>(names);
      if (wanted.isEmpty() || wanted.size() >= Operations.NAMES_PER_CALL) {
        return target.describeAlarms(wanted);
      }
      Request mine = new Request(wanted);
      synchronized (lock) {
        waiting.addLast(mine);
        if (!calling) {
          calling = true;
          mine.leads = true;
        }
        while (!mine.leads && !mine.done) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            giveUp(mine);
            Thread.currentThread().interrupt();
            throw new GatewayException(
                GatewayException.Kind.TRANSIENT,
                Operations.DESCRIBE_ALARMS,
                null,
                "interrupted while waiting for a batched DescribeAlarms call",
                e);
          }
        }
      }
      if (!mine.done) {
        callFor(takeBatch());
      }
      if (mine.failure != null) {
        throw mine.failure;
      }
      return mine.found;
    }

    /** The waiting requests one call carries, first come first, the caller's own at the head. */
    private List<Request> takeBatch() {
      synchronized (lock) {
        List<Request> batch = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        while (!waiting.isEmpty()) {
          Request next = waiting.peekFirst();
          Set<String> with = new LinkedHashSet<>(names);
          with.addAll(next.names);
          if (!batch.isEmpty() && with.size() > Operations.NAMES_PER_CALL) {
            break;
          }
          batch.add(waiting.removeFirst());
          names = with;
        }
        return batch;
      }
    }

    private void callFor(List<Request> batch) {
      Set<String> names = new LinkedHashSet<>();
      batch.forEach(r -> names.addAll(r.names));
      List<ObservedAlarm> found = null;
      RuntimeException failure = null;
      try {
        found = target.describeAlarms(names);
      } catch (RuntimeException e) {
        failure = e;
      }
      synchronized (lock) {
        for (Request request : batch) {
          if (failure != null) {
            request.failure = failure;
          } else {
            request.found =
                found.stream().filter(a -> request.names.contains(a.alarmName())).toList();
          }
          request.done = true;
        }
        handOver();
      }
    }

    /** The next waiting caller makes the next call; with nobody waiting, nobody calls. */
    private void handOver() {
      Request next = waiting.peekFirst();
      if (next == null) {
        calling = false;
      } else {
        next.leads = true;
      }
      lock.notifyAll();
    }

    /** A caller interrupted while it waited leaves; if it was to call next, the next one does. */
    private void giveUp(Request mine) {
      waiting.remove(mine);
      if (mine.leads) {
        handOver();
      }
    }
  }
}
