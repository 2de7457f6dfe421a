package io.modelaudit.operator.inventory;

import io.modelaudit.operator.accounts.AccountResolution;
import io.modelaudit.operator.accounts.AccountResolver;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.audit.DesiredStateBuilder;
import io.modelaudit.operator.audit.DriftDetector;
import io.modelaudit.operator.cloudwatch.AwsIdentity;
import io.modelaudit.operator.cloudwatch.AwsTarget;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CloudWatchGateways;
import io.modelaudit.operator.cloudwatch.FencedCloudWatchGateways.FencedException;
import io.modelaudit.operator.config.OperatorConfig;
import io.modelaudit.operator.config.PushMode;
import io.modelaudit.operator.part.AlarmSnapshot;
import io.modelaudit.operator.part.AlarmState;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Listings;
import io.modelaudit.operator.part.LogGroupSnapshot;
import io.modelaudit.operator.push.PushEvents;
import io.modelaudit.operator.status.StatusBuilder;
import io.modelaudit.operator.validation.SpecValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every managed alarm (metric and composite), log group and metric filter of an account and
 * region (each account a namespace is mapped to is listed on its own, with its role) in a few
 * batched listings and compares them with every settled ModelAudit, so that AWS is read per page
 * instead of per resource. Each alarm-state period it lists the alarms (DescribeAlarms by the
 * operator's name prefix): moved states and changed or missing alarms ask for a reconcile. Each
 * drift-check period (jittered) it also lists the log groups (DescribeLogGroups by prefix) and the
 * region's metric filters, and asks a slice of the ModelAudits for their periodic full read, spread
 * so that each gets one per resync interval: the only reads that see tags and log streams.
 *
 * <p>Only ModelAudits that are Ready for their generation are compared; the others are being
 * retried or wait for a person. A ModelAudit read in full after a listing started is skipped, as
 * the listing may predate its latest writes.
 */
public final class InventoryPoller {

  private static final Logger LOG = LoggerFactory.getLogger(InventoryPoller.class);

  /** How far a drift check may move from its period either way, so replicas and regions spread. */
  private static final double JITTER = 0.1;

  /** How often an event for an unknown name may rebuild the owners' index from the cache. */
  private static final Duration OWNERS_REBUILD = Duration.ofSeconds(1);

  /** Receives the poller's requests for a reconcile; the trigger is already in the store. */
  @FunctionalInterface
  public interface ReconcileRequests {
    void request(ModelAudit resource);
  }

  /** A ModelAudit the poller compares: settled, valid, with its desired state. */
  private record Candidate(ModelAudit resource, String key, DesiredState desired) {}

  /**
   * The desired state of one generation of a ModelAudit (empty when its spec is invalid): the spec
   * changes only with the generation, so it is validated and built once, not on every pass.
   */
  private record Derived(
      String uid, long generation, AwsIdentity identity, Optional<DesiredState> desired) {}

  private final CloudWatchGateways gateways;
  private final OperatorConfig config;
  private final AccountResolver accounts;
  private final InventoryStore store;
  private final Supplier<? extends Collection<ModelAudit>> resources;
  private final ReconcileRequests requests;
  private final Clock clock;
  private final Random random;
  private final Instant startedAt;
  private final Map<String, Derived> derived = new java.util.concurrent.ConcurrentHashMap<>();
  private final PushEvents push;
  private final Map<AwsTarget, Instant> nextSafetyNet =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Owners owners = Owners.EMPTY;
  private Instant ownersBuiltAt;
  private ScheduledExecutorService scheduler;
  private volatile java.util.concurrent.ExecutorService background;
  private final Map<AwsTarget, java.util.concurrent.Future<?>> pacedListings =
      new java.util.concurrent.ConcurrentHashMap<>();
  private Instant nextDriftCheck;

  public InventoryPoller(
      CloudWatchGateways gateways,
      OperatorConfig config,
      InventoryStore store,
      Supplier<? extends Collection<ModelAudit>> resources,
      ReconcileRequests requests,
      Clock clock) {
    this(
        gateways,
        config,
        AccountResolver.OWN,
        store,
        resources,
        requests,
        clock,
        (PushEvents) null);
  }

  public InventoryPoller(
      CloudWatchGateways gateways,
      OperatorConfig config,
      AccountResolver accounts,
      InventoryStore store,
      Supplier<? extends Collection<ModelAudit>> resources,
      ReconcileRequests requests,
      Clock clock) {
    this(gateways, config, accounts, store, resources, requests, clock, (PushEvents) null);
  }

  /**
   * A poller whose accounts and regions are pushed their events where {@code push} works there:
   * their listings then become the safety net (see {@link #poll}).
   *
   * @param push null without push events
   */
  public InventoryPoller(
      CloudWatchGateways gateways,
      OperatorConfig config,
      AccountResolver accounts,
      InventoryStore store,
      Supplier<? extends Collection<ModelAudit>> resources,
      ReconcileRequests requests,
      Clock clock,
      PushEvents push) {
    this(gateways, config, accounts, store, resources, requests, clock, new Random(), push);
  }

  InventoryPoller(
      CloudWatchGateways gateways,
      OperatorConfig config,
      AccountResolver accounts,
      InventoryStore store,
      Supplier<? extends Collection<ModelAudit>> resources,
      ReconcileRequests requests,
      Clock clock,
      Random random,
      PushEvents push) {
    this.push = push;
    this.gateways = gateways;
    this.config = config;
    this.accounts = accounts;
    this.store = store;
    this.resources = resources;
    this.requests = requests;
    this.clock = clock;
    this.random = random;
    this.startedAt = clock.instant();
    this.nextDriftCheck = startedAt;
  }

  /** Starts polling on a thread of its own; the first pass is a drift check, right away. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "modelaudit-inventory");
              thread.setDaemon(true);
              return thread;
            });
    background =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "modelaudit-safety-net");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
    if (push != null) {
      push.start();
    }
  }

  /** Stops polling; a pass under way is interrupted. */
  public synchronized void stop() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdownNow();
    if (background != null) {
      background.shutdownNow();
      background = null;
      pacedListings.clear();
    }
    if (push != null) {
      push.close();
    }
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler = null;
  }

  /**
   * One pass per tick, every alarm-state period (or drift-check period if shorter), both jittered
   * by up to 10% so that replicas and restarts do not line up. A drift check rides on the first
   * tick at or after it is due, so it reuses that tick's alarm listing rather than listing the
   * alarms again.
   */
  private void tick() {
    Instant now = clock.instant();
    boolean driftCheck = !now.isBefore(nextDriftCheck);
    try {
      poll(driftCheck);
    } catch (RuntimeException e) {
      LOG.warn("inventory pass failed, trying again next period: {}", e.toString());
    }
    if (driftCheck) {
      nextDriftCheck = now.plus(jittered(config.driftCheckInterval()));
    }
    Duration period =
        config.alarmStateInterval().compareTo(config.driftCheckInterval()) <= 0
            ? config.alarmStateInterval()
            : config.driftCheckInterval();
    long delay =
        Math.max(0, Duration.between(clock.instant(), now.plus(jittered(period))).toMillis());
    synchronized (this) {
      if (scheduler != null && !scheduler.isShutdown()) {
        scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
      }
    }
  }

  /**
   * One pass over every account and region in use: the alarm listing always, the log group and
   * metric filter listings and the full-read sweep on a drift check.
   */
  public void poll(boolean driftCheck) {
    Collection<ModelAudit> all = List.copyOf(resources.get());
    List<Candidate> candidates = candidates(all);
    Map<AwsTarget, List<Candidate>> byTarget =
        candidates.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.desired().target(), LinkedHashMap::new, Collectors.toList()));
    owners = Owners.of(candidates);
    if (push != null) {
      push.use(byTarget.keySet());
    }
    for (Map.Entry<AwsTarget, List<Candidate>> region : byTarget.entrySet()) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      try {
        if (pushed(region.getKey())) {
          safetyNet(region.getKey(), region.getValue(), driftCheck);
        } else {
          pollRegion(region.getKey(), region.getValue(), true, driftCheck, false);
        }
      } catch (FencedException e) {
        // this replica stopped leading while the pass ran: nothing is wrong, it just ends
        LOG.info("inventory pass ended: {}", e.getMessage());
        return;
      } catch (RuntimeException e) {
        LOG.warn(
            "inventory of {} failed, trying again next period: {}",
            region.getKey().describe(),
            e.toString());
      }
    }
    requestWhereStatusSaysNothing(all);
    if (driftCheck) {
      // where CloudTrail pushes what only full reads see (tags, streams), none is asked for
      sweep(
          candidates.stream()
              .filter(c -> !(pushed(c.desired().target()) && config.pushEvents() == PushMode.ALL))
              .toList(),
          clock.instant());
      java.util.Set<String> keys =
          all.stream().map(InventoryStore::key).collect(Collectors.toSet());
      store.retainOnly(keys);
      derived.keySet().retainAll(keys);
    }
  }

  /** Whether the target's events are pushed: its listings are then the safety net. */
  private boolean pushed(AwsTarget target) {
    return push != null && push.healthy(target);
  }

  /**
   * A pushed account and region's pass: every safety-net interval, the alarm listing (and with
   * {@link PushMode#ALL} the log group and filter listings), paced to the safety net's reads per
   * minute; with {@link PushMode#ALARMS} the log groups and filters keep the drift check's
   * schedule. Right after push started to work there (or was repaired) everything is listed at
   * once.
   */
  private void safetyNet(AwsTarget target, List<Candidate> candidates, boolean driftCheck) {
    boolean catchUp = push.takeCatchUp(target);
    Instant now = clock.instant();
    boolean due = catchUp || !now.isBefore(nextSafetyNet.getOrDefault(target, Instant.MIN));
    boolean all = config.pushEvents() == PushMode.ALL;
    if (due) {
      if (catchUp) {
        pollRegion(target, candidates, true, true, false);
      } else {
        paced(target, candidates, all || driftCheck);
      }
      nextSafetyNet.put(target, clock.instant().plus(jittered(config.safetyNetInterval())));
    } else if (!all && driftCheck) {
      pollRegion(target, candidates, false, true, false);
    }
  }

  /**
   * A paced safety-net listing: at a page or so a minute it can take hours for many ModelAudits, so
   * it runs on a thread of its own and the passes go on meanwhile (other accounts and regions keep
   * their periods); one at a time per account and region. Inline when the poller was not started.
   */
  private void paced(AwsTarget target, List<Candidate> candidates, boolean driftCheck) {
    java.util.concurrent.ExecutorService pool = background;
    if (pool == null) {
      pollRegion(target, candidates, true, driftCheck, true);
      return;
    }
    java.util.concurrent.Future<?> running = pacedListings.get(target);
    if (running != null && !running.isDone()) {
      LOG.debug("safety net of {}: the previous listing is still under way", target.describe());
      return;
    }
    try {
      pacedListings.put(
          target,
          pool.submit(
              () -> {
                try {
                  pollRegion(target, candidates, true, driftCheck, true);
                } catch (FencedException e) {
                  LOG.info("safety net of {} ended: {}", target.describe(), e.getMessage());
                } catch (RuntimeException e) {
                  LOG.warn(
                      "safety net of {} failed, trying again next interval: {}",
                      target.describe(),
                      e.toString());
                }
              }));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // stopping
    }
  }

  private void pollRegion(
      AwsTarget target,
      List<Candidate> candidates,
      boolean listAlarms,
      boolean driftCheck,
      boolean paced) {
    String region = target.region();
    CloudWatchGateway gateway =
        paced ? push.pacing(target).around(gateways.forTarget(target)) : gateways.forTarget(target);
    Instant takenAt = clock.instant();
    Optional<AlarmSnapshot> listed = Optional.empty();
    if (listAlarms) {
      String alarmPrefix = config.alarmNamePrefix() + "-";
      boolean healthAlarms =
          candidates.stream()
              .anyMatch(
                  c -> DriftDetector.needsCompositeAlarms(c.desired(), c.resource().getStatus()));
      AlarmSnapshot snapshot =
          AlarmSnapshot.of(
              region,
              takenAt,
              gateway.listAlarms(alarmPrefix),
              // the health alarms: their state is the headline of their ModelAudits
              healthAlarms ? gateway.listCompositeAlarms(alarmPrefix) : List.of());
      store.put(target, snapshot);
      // what was pushed before the listing started, the listing shows as well (or newer)
      store.forgetPushedStatesBefore(target, takenAt);
      listed = Optional.of(snapshot);
    }
    Optional<LogGroupSnapshot> groups = Optional.empty();
    if (driftCheck) {
      String prefix = commonPrefix(candidates.stream().map(c -> c.desired().logGroupName()));
      groups =
          Optional.of(
              LogGroupSnapshot.of(
                  region,
                  takenAt,
                  prefix,
                  gateway.listLogGroups(prefix),
                  gateway.listMetricFilters(prefix)));
      store.put(target, groups.get());
    }
    Listings listings = new Listings(listed, groups);
    int drifted = 0;
    int moved = 0;
    for (Candidate candidate : candidates) {
      boolean readSince =
          store.lastFullRead(candidate.key()).map(t -> t.isAfter(takenAt)).orElse(false);
      if (readSince) {
        continue;
      }
      var status = candidate.resource().getStatus();
      List<String> findings = DriftDetector.drift(candidate.desired(), status, listings);
      if (!findings.isEmpty()) {
        LOG.info("{}: changed outside the operator: {}", candidate.key(), findings);
        request(candidate, Trigger.drift(findings));
        drifted++;
      } else if (DriftDetector.refreshed(status, listings).isPresent()) {
        request(candidate, Trigger.alarmState());
        moved++;
      }
    }
    LOG.debug(
        "inventory of {}: {} alarms{}; {} ModelAudits compared, {} drifted, {} alarm states moved",
        target.describe(),
        listed.map(a -> a.alarms().size()).orElse(0),
        groups.map(g -> ", " + g.groups().size() + " log groups").orElse(""),
        candidates.size(),
        drifted,
        moved);
  }

  /**
   * Asks the ModelAudits whose full read is due for one, oldest first. A ModelAudit never read by
   * this process gets a stable phase within the resync interval, so after a restart the reads are
   * spread rather than all due at once; at most twice the even share goes per check.
   */
  private void sweep(List<Candidate> candidates, Instant now) {
    Duration resync = config.resyncInterval();
    double share =
        (double) candidates.size() * config.driftCheckInterval().toMillis() / resync.toMillis();
    long cap = Math.max(1, (long) Math.ceil(2 * share));
    candidates.stream()
        .filter(c -> !dueAt(c.key(), resync).isAfter(now))
        .sorted(Comparator.comparing(c -> dueAt(c.key(), resync)))
        .limit(cap)
        .forEach(c -> request(c, Trigger.resync()));
  }

  private Instant dueAt(String key, Duration resync) {
    Instant last = store.lastFullRead(key).orElseGet(() -> startedAt.minus(phase(key, resync)));
    return last.plus(resync);
  }

  private static Duration phase(String key, Duration resync) {
    long mixed = key.hashCode() * 0x9E3779B97F4A7C15L;
    return Duration.ofMillis(Math.floorMod(mixed, Math.max(1, resync.toMillis())));
  }

  /**
   * Status updates do not trigger a reconcile (only spec changes do), so a status that someone
   * erased or mangled would stay so until the next full read; ask for a reconcile at once. Only of
   * a ModelAudit an earlier pass saw with a status: one that never had any is new and waits for its
   * first reconcile (after a bulk creation, behind the rate limits) or for its first status patch
   * to reach the cache, and JOSDK reconciles it anyway; a trigger left for it would make a second,
   * full reconcile right after the first.
   */
  private void requestWhereStatusSaysNothing(Collection<ModelAudit> all) {
    for (ModelAudit resource : all) {
      if (resource.getMetadata().getDeletionTimestamp() != null || resource.getSpec() == null) {
        continue;
      }
      String key = InventoryStore.key(resource);
      if (StatusBuilder.saysAnything(resource.getStatus())) {
        store.markStatusSeen(key);
      } else if (store.statusSeen(key)) {
        store.addTrigger(key, Trigger.resync());
        requests.request(resource);
      }
    }
  }

  /**
   * The settled ModelAudit that owns the alarm. Owners are indexed by each pass, but a pass can
   * take long (a paced safety-net listing of many pages) while ModelAudits become settled: a name
   * not in the index has it rebuilt from the cache, at most once per {@link #OWNERS_REBUILD}.
   */
  private Optional<Candidate> ownerOfAlarm(AwsTarget target, String alarmName) {
    Optional<Candidate> known = owners.ofAlarm(target, alarmName);
    return known.isPresent() ? known : freshOwners().ofAlarm(target, alarmName);
  }

  private Optional<Candidate> ownerOfLogGroup(AwsTarget target, String logGroupName) {
    Optional<Candidate> known = owners.ofLogGroup(target, logGroupName);
    return known.isPresent() ? known : freshOwners().ofLogGroup(target, logGroupName);
  }

  private synchronized Owners freshOwners() {
    Instant now = clock.instant();
    if (ownersBuiltAt != null && now.isBefore(ownersBuiltAt.plus(OWNERS_REBUILD))) {
      return owners;
    }
    owners = Owners.of(candidates(List.copyOf(resources.get())));
    ownersBuiltAt = now;
    return owners;
  }

  /** What becomes of pushed events: triggers for the settled ModelAudits they concern. */
  public PushEvents.Dispatcher dispatcher() {
    return new PushEvents.Dispatcher() {
      @Override
      public void alarmState(AwsTarget target, String alarmName, AlarmState state) {
        if (store.pushAlarmState(target, alarmName, state)) {
          ownerOfAlarm(target, alarmName).ifPresent(c -> request(c, Trigger.alarmState()));
        }
      }

      @Override
      public void alarmChanged(AwsTarget target, String alarmName, String operation) {
        ownerOfAlarm(target, alarmName)
            .ifPresent(
                c ->
                    request(
                        c,
                        Trigger.alarmCheck("alarm " + alarmName + ": " + operation + " in AWS")));
      }

      @Override
      public void changedByOthers(
          AwsTarget target, String what, Collection<String> logGroups, Collection<String> alarms) {
        java.util.Set<Candidate> affected = new java.util.LinkedHashSet<>();
        logGroups.forEach(g -> ownerOfLogGroup(target, g).ifPresent(affected::add));
        alarms.forEach(a -> ownerOfAlarm(target, a).ifPresent(affected::add));
        for (Candidate candidate : affected) {
          LOG.info("{}: changed outside the operator: {}", candidate.key(), what);
          request(candidate, Trigger.drift(List.of(what)));
        }
      }
    };
  }

  /**
   * The settled ModelAudits by the alarm and log group names they own, as of the last pass; names
   * are unique per account and region (any of the account's roles).
   */
  private record Owners(Map<String, Candidate> byAlarm, Map<String, Candidate> byLogGroup) {

    static final Owners EMPTY = new Owners(Map.of(), Map.of());

    static Owners of(List<Candidate> candidates) {
      Map<String, Candidate> alarms = new java.util.HashMap<>();
      Map<String, Candidate> groups = new java.util.HashMap<>();
      for (Candidate c : candidates) {
        String region = c.desired().target().quotaKey();
        groups.put(region + " " + c.desired().logGroupName(), c);
        c.desired()
            .of(io.modelaudit.operator.part.alarms.AlarmsPart.PART)
            .forEach(a -> alarms.put(region + " " + a.alarmName(), c));
        var status = c.resource().getStatus();
        // the health alarm: its pushed state is the headline of the ModelAudit
        io.modelaudit.operator.part.composite.CompositePart.alarmNames(c.desired(), status)
            .forEach(name -> alarms.putIfAbsent(region + " " + name, c));
        if (status != null && status.getAlarms() != null) {
          status.getAlarms().stream()
              .filter(a -> a.getAlarmName() != null)
              .forEach(a -> alarms.putIfAbsent(region + " " + a.getAlarmName(), c));
        }
      }
      return new Owners(alarms, groups);
    }

    Optional<Candidate> ofAlarm(AwsTarget target, String alarmName) {
      return Optional.ofNullable(byAlarm.get(target.quotaKey() + " " + alarmName));
    }

    Optional<Candidate> ofLogGroup(AwsTarget target, String logGroupName) {
      return Optional.ofNullable(byLogGroup.get(target.quotaKey() + " " + logGroupName));
    }
  }

  private void request(Candidate candidate, Trigger trigger) {
    store.addTrigger(candidate.key(), trigger);
    requests.request(candidate.resource());
  }

  private List<Candidate> candidates(Collection<ModelAudit> all) {
    List<Candidate> candidates = new ArrayList<>();
    for (ModelAudit resource : all) {
      if (resource.getMetadata().getDeletionTimestamp() != null || resource.getSpec() == null) {
        continue;
      }
      Long generation = resource.getMetadata().getGeneration();
      long gen = generation == null ? 0L : generation;
      if (!StatusBuilder.isReadyFor(resource.getStatus(), gen)) {
        continue;
      }
      String key = InventoryStore.key(resource);
      desiredOf(key, resource, gen)
          .ifPresent(desired -> candidates.add(new Candidate(resource, key, desired)));
    }
    return candidates;
  }

  /**
   * The desired state, in the account the namespace is mapped to now; empty when the spec is
   * invalid or the namespace has no usable account (such a ModelAudit is not Ready anyway).
   */
  private Optional<DesiredState> desiredOf(String key, ModelAudit resource, long generation) {
    String uid = resource.getMetadata().getUid();
    String namespace = resource.getMetadata().getNamespace();
    AccountResolution account = accounts.resolve(namespace);
    if (!account.resolved()) {
      return Optional.empty();
    }
    AwsIdentity identity = account.identity().get();
    Derived known = derived.get(key);
    if (known != null
        && known.generation() == generation
        && Objects.equals(known.uid(), uid)
        && known.identity().equals(identity)) {
      return known.desired();
    }
    String name = resource.getMetadata().getName();
    Optional<DesiredState> desired =
        SpecValidator.validate(
                    resource.getSpec(),
                    namespace,
                    name,
                    identity.account().map(config::inAccount).orElse(config))
                .isEmpty()
            ? Optional.of(DesiredStateBuilder.build(resource, config, identity))
            : Optional.empty();
    derived.put(key, new Derived(uid, generation, identity, desired));
    return desired;
  }

  /** The longest prefix of every name: the tightest listing that still covers them all. */
  static String commonPrefix(java.util.stream.Stream<String> names) {
    String prefix = null;
    for (String name : (Iterable<String>) names::iterator) {
      if (prefix == null) {
        prefix = name;
        continue;
      }
      int i = 0;
      while (i < prefix.length() && i < name.length() && prefix.charAt(i) == name.charAt(i)) {
        i++;
      }
      prefix = prefix.substring(0, i);
    }
    return prefix == null ? "" : prefix;
  }

  private Duration jittered(Duration period) {
    double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
    return Duration.ofMillis(Math.max(1, Math.round(period.toMillis() * factor)));
  }
}
