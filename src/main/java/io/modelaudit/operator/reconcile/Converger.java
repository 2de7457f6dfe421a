package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.part.Change;
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
}
