package io.modelaudit.operator;

import io.javaoperatorsdk.operator.Operator;
import io.modelaudit.operator.cloudwatch.FencedCloudWatchGateways;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running copy of the operator: the JOSDK operator, plus what leadership and a graceful
 * shutdown need — whether it leads, the fence in front of AWS, and the Lease to hand over.
 *
 * <p>Only a leader calls AWS. When this replica stops leading, the fence closes first, so no AWS
 * call leaves it from then on; then:
 *
 * <ul>
 *   <li>on {@link #shutdown(Duration)} (SIGTERM): JOSDK stops, reconciles under way end (each at
 *       its next AWS call at the latest, abandoned without a status write), the last AWS call
 *       returns, and only then is the Lease released, so the next leader starts at once and never
 *       overlaps this one;
 *   <li>on a lost Lease (not renewed in time, or taken over): the replica's reaction to the loss
 *       runs (in production: exit, so that Kubernetes restarts it as a follower). It never blocks
 *       the leader-election thread that reports the loss.
 * </ul>
 */
public final class Replica {

  private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

  /** How long reconciles may take to end once JOSDK's stop interrupted them. */
  private static final Duration RECONCILES_AFTER_STOP = Duration.ofSeconds(2);

  private final Operator operator;
  private final FencedCloudWatchGateways fence;
  private final AtomicBoolean leading;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Optional<LeaseRelease> lease;
  private final Runnable onLeadershipLost;

  Replica(
      Operator operator,
      FencedCloudWatchGateways fence,
      AtomicBoolean leading,
      Optional<LeaseRelease> lease,
      Runnable onLeadershipLost) {
    this.operator = Objects.requireNonNull(operator, "operator");
    this.fence = Objects.requireNonNull(fence, "fence");
    this.leading = Objects.requireNonNull(leading, "leading");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.onLeadershipLost = Objects.requireNonNull(onLeadershipLost, "onLeadershipLost");
  }

  /** What a {@link #shutdown(Duration)} achieved. */
  public record ShutdownResult(boolean drained, boolean leaseReleased) {}

  public Operator operator() {
    return operator;
  }

  /** Starts JOSDK; returns once the informers' caches have synced. */
  public void start() {
    operator.start();
  }

  /** Whether this replica holds the Lease (always, without leader election) and is not stopping. */
  public boolean isLeading() {
    return leading.get();
  }

  /** This replica's name in the Lease; empty without leader election. */
  public Optional<String> identity() {
    return lease.map(LeaseRelease::identity);
  }

  /** Whether AWS is fenced off: the replica stopped leading or is shutting down. */
  public boolean isFenced() {
    return fence.isClosed();
  }

  /** Leader-election callback: this replica acquired the Lease. */
  void startedLeading() {
    if (!stopping.get() && !fence.isClosed()) {
      leading.set(true);
    }
  }

  /**
   * Leader-election callback: this replica no longer holds the Lease. Runs on fabric8's elector
   * thread, or on the thread that stopped the operator; it must return promptly and never exit the
   * JVM itself.
   */
  void stoppedLeading() {
    leading.set(false);
    if (stopping.get()) {
      LOG.info("stopped leading: this replica is shutting down");
      return;
    }
    String lease = this.lease.map(LeaseRelease::describe).orElse("");
    fence.close("this replica lost the Lease " + lease);
    LOG.error(
        "lost the Lease {} (not renewed within the renew deadline, or taken over): this replica"
            + " makes no more AWS calls and ends, so that it restarts as a follower",
        lease);
    onLeadershipLost.run();
  }

  /**
   * Stops this replica gracefully, and releases the Lease only once nothing of it can reach AWS any
   * more, since the next leader must not overlap an AWS call of this one:
   *
   * <ol>
   *   <li>fence AWS off, and wait (at most {@code drainTimeout}) for the AWS calls under way to
   *       return, while JOSDK still runs and the Lease is still renewed — before JOSDK's stop,
   *       which interrupts slow reconciles, and an interrupted SDK call may still reach AWS after
   *       it returned;
   *   <li>stop JOSDK: informers, reconciles (each ends at its next AWS call, abandoned), leader
   *       election;
   *   <li>release the Lease, if every AWS call and reconcile (status writes included) ended.
   * </ol>
   *
   * Idempotent; the Kubernetes client and the AWS clients stay open (their owner closes them).
   */
  public ShutdownResult shutdown(Duration drainTimeout) {
    if (!stopping.compareAndSet(false, true)) {
      return new ShutdownResult(false, false);
    }
    leading.set(false);
    fence.close("this replica is shutting down");
    boolean awsIdle = false;
    boolean reconcilesEnded = false;
    try {
      awsIdle = fence.awaitIdle(drainTimeout);
      operator.stop();
      // JOSDK's stop waited for the reconciles and interrupted the rest: they end promptly now.
      reconcilesEnded = awaitTermination(reconcileExecutor(), RECONCILES_AFTER_STOP);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean drained = awsIdle && reconcilesEnded;
    if (!drained) {
      LOG.warn(
          "{} AWS call(s) still under way after {}{}",
          fence.inFlight(),
          drainTimeout,
          reconcilesEnded ? "" : ", and reconciles still running after JOSDK's stop");
    }
    boolean released = false;
    if (lease.isPresent()) {
      if (drained) {
        released = lease.get().release();
      } else {
        LOG.warn(
            "not releasing Lease {}: work of this replica may still reach AWS; another replica"
                + " takes over once the Lease expires",
            lease.get().describe());
      }
    }
    return new ShutdownResult(drained, released);
  }

  private ExecutorService reconcileExecutor() {
    return operator
        .getConfigurationService()
        .getExecutorServiceManager()
        .reconcileExecutorService();
  }

  private static boolean awaitTermination(ExecutorService executor, Duration timeout)
      throws InterruptedException {
    return executor == null || executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
