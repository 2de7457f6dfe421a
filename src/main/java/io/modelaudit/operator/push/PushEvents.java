package io.modelaudit.operator.push;

import io.github.bucket4j.Bucket;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.EventsGateway;
import io.modelaudit.operator.cloudwatch.EventsGateways;
import io.modelaudit.operator.cloudwatch.FencedCloudWatchGateways.FencedException;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.cloudwatch.PortInterceptor;
import io.modelaudit.operator.cloudwatch.QueueMessage;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.part.AlarmState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push machinery of the whole operator: in each account and region a ModelAudit uses ({@link
 * AwsTarget}, as the CloudWatch gateways are kept), the EventBridge rules and the SQS queue ({@link
 * PushChannel}), kept and repaired every safety-net interval (at once when broken), and a consumer
 * that long-polls the queue and hands each event to the {@link Dispatcher}. Only the leader
 * consumes: a follower's replica has no region in use. A region whose channel does not work is
 * polled as without push.
 *
 * <p>Consumption is at least once and harmless to repeat: an event id seen lately is skipped, a
 * pushed state older than what is known is ignored, and a message that is not an event the operator
 * reads (a poison message) is logged and deleted, never retried. The operator's own API calls (by
 * its role, whatever the session) are not drift.
 */
public final class PushEvents implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PushEvents.class);

  /** How many event ids are remembered to skip repeated deliveries. */
  private static final int REMEMBERED_IDS = 10_000;

  /** How soon a broken channel is looked at again, at most. */
  private static final Duration REPAIR_DELAY = Duration.ofSeconds(30);

  /** What becomes of the events. */
  public interface Dispatcher {

    /** An alarm's state pushed by CloudWatch in the target's account and region. */
    void alarmState(AwsTarget target, String alarmName, AlarmState state);

    /** An alarm was created, changed or deleted in AWS, by anyone. */
    void alarmChanged(AwsTarget target, String alarmName, String operation);

    /** Someone other than the operator changed these log groups or alarms. */
    void changedByOthers(
        AwsTarget target, String what, Collection<String> logGroups, Collection<String> alarms);
  }

  private final EventsGateways gateways;
  private final PushResources resources;
  private final Dispatcher dispatcher;
  private final BooleanSupplier leading;
  private final Duration safetyNet;
  private final int readsPerMinute;
  private final int waitSeconds;
  private final Duration repairDelay;
  private final Map<AwsTarget, Region> regions = new ConcurrentHashMap<>();
  private final Map<String, Boolean> seen =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > REMEMBERED_IDS;
            }
          });
  private volatile boolean stopped;
  private ScheduledExecutorService maintenance;

  /** One account and region's channel, consumer thread and safety-net budget. */
  private final class Region {
    final AwsTarget target;
    final String name;
    final PushChannel channel;
    final Bucket budget;
    volatile String ownPrincipal;
    volatile boolean catchUp = true;
    volatile long nextMaintenance;
    Thread consumer;

    Region(AwsTarget target) {
      this.target = target;
      this.name = target.describe();
      this.channel = new PushChannel(name, resources);
      long nanosPerRead = Math.max(1L, 60_000_000_000L / readsPerMinute);
      this.budget =
          Bucket.builder()
              .addLimit(l -> l.capacity(1).refillGreedy(1, Duration.ofNanos(nanosPerRead)))
              .build();
    }
  }

  public PushEvents(
      EventsGateways gateways,
      OperatorConfig config,
      Dispatcher dispatcher,
      BooleanSupplier leading) {
    this.gateways = gateways;
    this.resources = new PushResources(config);
    this.dispatcher = dispatcher;
    this.leading = leading;
    this.safetyNet = config.safetyNetInterval();
    this.readsPerMinute = config.safetyNetReads();
    // a long poll never waits longer than the alarm-state interval (tests use short ones)
    this.waitSeconds = (int) Math.max(1, Math.min(20, config.alarmStateInterval().toSeconds()));
    // a broken channel is looked at again at least as often as the alarms are listed meanwhile
    this.repairDelay =
        config.alarmStateInterval().compareTo(REPAIR_DELAY) < 0
            ? config.alarmStateInterval()
            : REPAIR_DELAY;
  }

  /** Starts the maintenance of the regions in use; consumers start with their region. */
  public synchronized void start() {
    if (maintenance != null) {
      return;
    }
    stopped = false;
    maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "modelaudit-push-maintenance");
              thread.setDaemon(true);
              return thread;
            });
    maintenance.scheduleWithFixedDelay(this::maintainDue, 0, 1, TimeUnit.SECONDS);
  }

  /** Stops maintenance and the consumers; a long poll under way ends by itself. */
  @Override
  public synchronized void close() {
    stopped = true;
    if (maintenance != null) {
      maintenance.shutdownNow();
      maintenance = null;
    }
    regions
        .values()
        .forEach(
            r -> {
              if (r.consumer != null) {
                r.consumer.interrupt();
              }
            });
    regions.clear();
  }

  /**
   * Takes up these accounts and regions (the ones ModelAudits use); called by each inventory pass.
   */
  public void use(Collection<AwsTarget> inUse) {
    if (stopped) {
      return;
    }
    for (AwsTarget target : inUse) {
      regions.computeIfAbsent(target, Region::new);
    }
  }

  /** Whether events of the account and region arrive: its rules and queue work and are consumed. */
  public boolean healthy(AwsTarget region) {
    Region r = regions.get(region);
    return r != null && r.channel.healthy() && r.consumer != null && r.consumer.isAlive();
  }

  /**
   * Whether the region's safety net must list everything at once, unpaced: when push has just
   * started to work there, or was repaired (events may have been lost meanwhile). Asking clears it.
   */
  public boolean takeCatchUp(AwsTarget region) {
    Region r = regions.get(region);
    if (r == null || !r.catchUp) {
      return false;
    }
    r.catchUp = false;
    return true;
  }

  /**
   * Paces the calls of the region's safety net: each takes one of the region's reads per minute,
   * waiting for it, so that what the safety net reads does not grow with the number of ModelAudits.
   * Without a working channel the calls are not paced.
   */
  public PortInterceptor pacing(AwsTarget region) {
    return (operation, args, call) -> {
      Region r = regions.get(region);
      if (r != null && healthy(region)) {
        try {
          r.budget.asBlocking().consume(operation.cost().calls(args));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GatewayException(
              GatewayException.Kind.TRANSIENT,
              operation.name(),
              null,
              "interrupted while pacing the safety net",
              e);
        }
      }
      return call.get();
    };
  }

  // ---- maintenance ----

  private void maintainDue() {
    if (!leading.getAsBoolean()) {
      return;
    }
    long now = System.nanoTime();
    for (Region region : List.copyOf(regions.values())) {
      if (stopped || Thread.currentThread().isInterrupted()) {
        return;
      }
      if (now - region.nextMaintenance < 0) {
        continue;
      }
      try {
        maintain(region);
      } catch (FencedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("push events in {}: maintenance failed: {}", region.name, e.toString());
        region.channel.broken(e.getMessage());
      }
      region.nextMaintenance =
          System.nanoTime() + (region.channel.healthy() ? safetyNet : repairDelay).toNanos();
    }
  }

  private void maintain(Region region) {
    EventsGateway gateway = gateways.forTarget(region.target);
    // a working channel is checked within the safety net's budget; a broken one at once
    EventsGateway checked =
        region.channel.healthy() ? pacing(region.target).aroundEvents(gateway) : gateway;
    if (region.ownPrincipal == null) {
      region.ownPrincipal = principalOf(gateway.callerArn());
    }
    boolean wasHealthy = region.channel.healthy();
    boolean repaired = region.channel.ensure(checked);
    if (region.channel.healthy() && (!wasHealthy || repaired)) {
      // events sent while it did not work are lost: the safety net lists everything once
      region.catchUp = true;
    }
    if (region.channel.healthy() && (region.consumer == null || !region.consumer.isAlive())) {
      region.consumer = new Thread(() -> consume(region), "modelaudit-push-" + region.name);
      region.consumer.setDaemon(true);
      region.consumer.start();
    }
  }

  // ---- consumption ----

  private void consume(Region region) {
    EventsGateway gateway = gateways.forTarget(region.target);
    while (!stopped && !Thread.currentThread().isInterrupted()) {
      Optional<String> queue = region.channel.queueUrl();
      if (queue.isEmpty() || !leading.getAsBoolean()) {
        return;
      }
      List<QueueMessage> messages;
      try {
        messages = gateway.receiveMessages(queue.get(), 10, waitSeconds);
      } catch (FencedException e) {
        return;
      } catch (GatewayException e) {
        if (e.kind() == GatewayException.Kind.NOT_FOUND) {
          region.channel.broken("the queue " + queue.get() + " is gone");
          region.nextMaintenance = System.nanoTime();
          return;
        }
        if (stopped) {
          return;
        }
        LOG.warn("push events in {}: receiving failed: {}", region.name, e.getMessage());
        if (!sleep(Duration.ofSeconds(waitSeconds))) {
          return;
        }
        continue;
      }
      List<String> handled = new ArrayList<>();
      for (QueueMessage message : messages) {
        handle(region, message);
        handled.add(message.receiptHandle());
      }
      if (handled.isEmpty()) {
        // an empty long poll (most of them) has nothing to delete: no call, no permit, no metric
        continue;
      }
      try {
        gateway.deleteMessages(queue.get(), handled);
      } catch (FencedException e) {
        return;
      } catch (GatewayException e) {
        // they come back after the visibility timeout; handling them again is harmless
        LOG.warn("push events in {}: deleting failed: {}", region.name, e.getMessage());
      }
    }
  }

  /** Hands one message on, or logs it when it is not an event the operator reads. */
  private void handle(Region region, QueueMessage message) {
    Optional<PushEvent> event;
    try {
      event = EventParser.parse(message.body());
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "push events in {}: deleting message {}, not an event the operator reads ({}): {}",
          region.name,
          message.messageId(),
          e.getMessage(),
          abbreviated(message.body()));
      return;
    }
    if (event.isEmpty() || seen.put(event.get().id(), Boolean.TRUE) != null) {
      return;
    }
    try {
      dispatch(region, event.get());
    } catch (RuntimeException e) {
      // never retried forever: logged, and the message is deleted like any other
      LOG.error("push events in {}: handling event {} failed", region.name, event.get().id(), e);
    }
  }

  private void dispatch(Region region, PushEvent event) {
    if (event instanceof PushEvent.AlarmStateChange s) {
      dispatcher.alarmState(
          region.target, s.alarmName(), new AlarmState(s.state(), s.reason(), s.timestamp()));
    } else if (event instanceof PushEvent.AlarmConfigurationChange c) {
      dispatcher.alarmChanged(region.target, c.alarmName(), c.operation());
    } else if (event instanceof PushEvent.ApiCall call
        && !principalOf(call.principal()).equals(region.ownPrincipal)) {
      dispatcher.changedByOthers(
          region.target,
          call.eventName() + " by " + call.principal(),
          call.logGroups(),
          call.alarms());
    }
  }

  private static final Pattern ASSUMED_ROLE =
      Pattern.compile("^arn:([^:]+):sts::(\\d+):assumed-role/([^/]+)/.*$");

  /**
   * Who made a call, whatever the session: an assumed role's ARN without its session name (each
   * replica and restart has its own session), any other ARN as it is.
   */
  static String principalOf(String arn) {
    if (arn == null) {
      return "";
    }
    Matcher m = ASSUMED_ROLE.matcher(arn);
    return m.matches()
        ? "arn:" + m.group(1) + ":sts::" + m.group(2) + ":assumed-role/" + m.group(3)
        : arn;
  }

  private static String abbreviated(String body) {
    if (body == null) {
      return "(no body)";
    }
    return body.length() <= 200 ? body : body.substring(0, 200) + "...";
  }

  private static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
