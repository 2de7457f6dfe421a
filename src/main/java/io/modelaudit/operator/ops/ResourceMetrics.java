package io.modelaudit.operator.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-ModelAudit gauges: {@value #READY} (1 when Ready, else 0) and {@value #ALARM_STATE} (one
 * series per alarm state, 1 for the resource's headline alarm state (status.alarmState), 0 for the
 * others; all 0 when the resource has no alarm state). The reconciler sets them whenever it
 * computes status and removes them when the resource is gone, so no series outlives its ModelAudit.
 */
public final class ResourceMetrics {

  /** Micrometer name; Prometheus shows it as modelaudit_resource_ready. */
  public static final String READY = "modelaudit.resource.ready";

  /** Micrometer name; Prometheus shows it as modelaudit_resource_alarm_state. */
  public static final String ALARM_STATE = "modelaudit.resource.alarm_state";

  /** The alarm states CloudWatch reports, as written to status.alarmState. */
  public static final List<String> ALARM_STATES = List.of("OK", "ALARM", "INSUFFICIENT_DATA");

  private final MeterRegistry registry;
  private final Map<Key, Series> byResource = new ConcurrentHashMap<>();

  public ResourceMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Gauges kept only in memory, for callers that do not export metrics. */
  public static ResourceMetrics unexported() {
    return new ResourceMetrics(new SimpleMeterRegistry());
  }

  /**
   * Records the resource's readiness and headline alarm state.
   *
   * @param alarmState OK, ALARM or INSUFFICIENT_DATA; null (or anything else) sets every state to 0
   */
  public void update(String namespace, String name, boolean ready, String alarmState) {
    Series series = byResource.computeIfAbsent(new Key(namespace, name), this::register);
    series.ready().set(ready ? 1 : 0);
    series.states().forEach((state, value) -> value.set(state.equals(alarmState) ? 1 : 0));
  }

  /** Removes every series of the resource; a later {@link #update} registers them again. */
  public void remove(String namespace, String name) {
    Series series = byResource.remove(new Key(namespace, name));
    if (series != null) {
      series.meters().forEach(registry::remove);
    }
  }

  private Series register(Key key) {
    Tags tags = Tags.of("namespace", key.namespace(), "name", key.name());
    List<Meter> meters = new ArrayList<>();
    AtomicInteger ready = new AtomicInteger();
    meters.add(
        Gauge.builder(READY, ready, AtomicInteger::get)
            .description("1 when the ModelAudit is Ready, else 0")
            .tags(tags)
            .register(registry));
    Map<String, AtomicInteger> states = new ConcurrentHashMap<>();
    for (String state : ALARM_STATES) {
      AtomicInteger value = new AtomicInteger();
      states.put(state, value);
      meters.add(
          Gauge.builder(ALARM_STATE, value, AtomicInteger::get)
              .description(
                  "1 for the ModelAudit's headline alarm state (its health alarm's, else the worst"
                      + " of its alarms), 0 for the others")
              .tags(tags.and("state", state))
              .register(registry));
    }
    return new Series(ready, Map.copyOf(states), List.copyOf(meters));
  }

  /** A ModelAudit's identity. */
  private record Key(String namespace, String name) {}

  /** The values behind one resource's gauges, and the gauges to remove with it. */
  private record Series(
      AtomicInteger ready, Map<String, AtomicInteger> states, List<Meter> meters) {}
}
