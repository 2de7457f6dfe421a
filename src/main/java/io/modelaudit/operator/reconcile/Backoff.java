package io.modelaudit.operator.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter per resource, reset once the resource succeeds. */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

  Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /** Records a failure of this resource and returns how long to wait before the next try. */
  Duration nextDelay(String key) {
    int attempt = attempts.merge(key, 1, Integer::sum);
    long base = initial.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, max.toMillis());
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
  }

  /** Forgets the failures of this resource. */
  void reset(String key) {
    attempts.remove(key);
  }

  int attempts(String key) {
    return attempts.getOrDefault(key, 0);
  }
}
