package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.GatewayException;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.status.EventReason;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies a plan's changes in order, logging the reason of each write: the converge step. */
final class Converger {

  private static final Logger LOG = LoggerFactory.getLogger(Converger.class);

  private Converger() {}

  /**
   * Applies every change in order and records each one that succeeded in {@code applied}; the first
   * failure stops the run and propagates as {@link ChangeFailed}, naming the change.
   */
  static void apply(
      CloudWatchGateway gateway, String resource, List<Change> changes, List<Change> applied) {
    for (Change change : changes) {
      LOG.info("{}: {}", resource, change.describe());
      try {
        change.applyTo(gateway);
      } catch (RuntimeException e) {
        throw new ChangeFailed(change, e);
      }
      applied.add(change);
    }
  }

  /**
   * Applies a cleanup's changes in order like {@link #apply}, except that a removal AWS refuses
   * because of the resource's state (deletion protection on the log group) does not stop the
   * cleanup - the finalizer must not hang on it: the refused change is reported in {@code refused}
   * and the rest go on. Any other failure stops the run and propagates, to be retried.
   */
  static void applyCleanup(
      CloudWatchGateway gateway,
      String resource,
      List<Change> changes,
      List<Change> applied,
      List<Cleanup.Kept> refused) {
    for (Change change : changes) {
      LOG.info("{}: {}", resource, change.describe());
      try {
        change.applyTo(gateway);
        applied.add(change);
      } catch (GatewayException e) {
        if (e.kind() != GatewayException.Kind.CONFLICT) {
          throw e;
        }
        LOG.warn("{}: AWS refused to {}: {}", resource, change.describe(), e.getMessage());
        refused.add(
            new Cleanup.Kept(
                true,
                EventReason.DeletionProtected,
                "AWS refused to "
                    + change.describe()
                    + " (the log group's deletion protection forbids it); it is kept: turn"
                    + " deletion protection off in AWS and remove it by hand if it must go"));
      }
    }
  }
}
