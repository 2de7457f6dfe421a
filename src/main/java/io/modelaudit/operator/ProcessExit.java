package io.modelaudit.operator;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the JVM without ever blocking the thread that asks for it.
 *
 * <p>{@code System.exit} runs the shutdown hooks and waits for them, holding the JVM's shutdown
 * lock; called from a thread a hook waits for (a leader-election callback that the hook's own
 * {@code operator.stop()} triggers), it waits for ever. So the exit runs on a fresh thread that
 * nobody waits for; if the JVM is already shutting down, that thread just blocks until the JVM
 * ends.
 */
final class ProcessExit {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessExit.class);

  /** Exit status of a replica that lost its Lease: Kubernetes restarts it as a follower. */
  static final int LOST_LEADERSHIP = 1;

  /** Exit status when the shutdown did not finish in time and the JVM was halted. */
  static final int HALTED = 70;

  private ProcessExit() {}

  /** Production reaction to a lost Lease: exit (hooks included) from a thread of its own. */
  static void afterLostLeadership() {
    exitSoon(LOST_LEADERSHIP);
  }

  /** Starts {@code System.exit(status)} on a new daemon thread and returns at once. */
  static void exitSoon(int status) {
    Thread exit = new Thread(() -> System.exit(status), "exit");
    exit.setDaemon(true);
    exit.start();
  }

  /**
   * The backstop of a shutdown hook: a daemon thread that halts the JVM (no more hooks, status
   * {@value #HALTED}) unless the JVM ended first. Interrupt it to call it off.
   */
  static Thread haltAfter(Duration deadline) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(deadline.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              LOG.error("shutdown did not finish within {}: halting", deadline);
              Runtime.getRuntime().halt(HALTED);
            },
            "shutdown-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    return watchdog;
  }
}
