package io.modelaudit.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.status.Outcome;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a ModelAudit is looked at again: transient failures retry with backoff, stalls a person
 * fixes outside the spec are looked at every drift check, and the rest wait for an event.
 */
final class Requeue {

  private static final Logger LOG = LoggerFactory.getLogger(Requeue.class);

  private final Backoff backoff;
  private final Duration driftCheckInterval;

  Requeue(Backoff backoff, Duration driftCheckInterval) {
    this.backoff = backoff;
    this.driftCheckInterval = driftCheckInterval;
  }

  UpdateControl<ModelAudit> after(String id, Outcome outcome, UpdateControl<ModelAudit> control) {
    if (ErrorMapping.isRetryable(outcome)) {
      Duration delay = backoff.nextDelay(id);
      LOG.info("{}: retrying in {}", id, delay);
      return control.rescheduleAfter(delay.toMillis());
    }
    backoff.reset(id);
    if (ErrorMapping.isFixedOutsideTheSpec(outcome)) {
      // A person fixes these in AWS or IAM, not in the spec, so no event would tell the operator:
      // look again every drift check.
      return control.rescheduleAfter(driftCheckInterval.toMillis());
    }
    return control;
  }

  /** The delay before a failed cleanup is tried again. */
  Duration afterFailedCleanup(String id) {
    return backoff.nextDelay(id);
  }

  /** Whether this was the first failure in a row, worth an event. */
  boolean firstFailure(String id) {
    return backoff.attempts(id) == 1;
  }

  void forget(String id) {
    backoff.reset(id);
  }
}
