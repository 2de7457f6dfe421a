package io.modelaudit.operator.part.anomaly;

import io.modelaudit.operator.api.v1alpha1.AlarmMetricQuerySpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.AnomalyDetectorSpec;
import io.modelaudit.operator.api.v1alpha1.AnomalyDetectorStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.api.v1alpha1.TimeRangeSpec;
import io.modelaudit.operator.cloudwatch.AnomalyDetectorConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAnomalyDetector;
import io.modelaudit.operator.part.Blocker;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.anomaly.AnomalyChanges.DeleteAnomalyDetector;
import io.modelaudit.operator.part.anomaly.AnomalyChanges.PutAnomalyDetector;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.profiles.MetricMath;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.EventReason;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The anomaly detection models behind alarms' bands, for the alarms whose spec gives the model's
 * training settings (spec.alarms[].anomalyDetector); without settings, CloudWatch trains a model
 * with its defaults when the alarm is created, and the operator leaves that one alone.
 *
 * <p>A model has no name, no ARN and no tags: it is known by its metric and statistic, one per pair
 * in the account. Which ones are this ModelAudit's is therefore kept in status
 * (status.anomalyDetectors), written before a model is created (a {@link #prepares} step), so that
 * a crash between the create and the status patch cannot make it look foreign. A model of a metric
 * in the ModelAudit's own preset namespace needs no record: nothing else publishes there. A model
 * that exists without a record is someone else's: Stalled/AlreadyExists, or with adoptExisting it
 * is recorded as adopted, then configured, and never deleted.
 *
 * <p>The part comes before the alarms, so a model exists with its settings before its alarm is
 * created; removals are pruned after the alarms that use them are gone.
 */
public final class AnomalyPart implements Part<AnomalyPart.Desired, AnomalyPart.Observed> {

  public static final AnomalyPart PART = new AnomalyPart();

  /**
   * The models to manage, one per metric and statistic.
   *
   * @param ownNamespace this ModelAudit's preset metric namespace
   * @param ownNamespaceInUse whether any of its filters publishes there (presets are set), so that
   *     models may exist there at all
   * @param inUse the keys of every model a band alarm of the spec uses, with or without anomaly
   *     detector settings: CloudWatch creates the model of a band it lacks, and it is never pruned
   *     while an alarm uses it
   */
  public record Desired(
      List<DesiredDetector> detectors,
      String ownNamespace,
      boolean ownNamespaceInUse,
      Set<String> inUse) {
    public Desired {
      detectors = List.copyOf(detectors);
      inUse = Set.copyOf(inUse);
    }
  }

  /**
   * The models AWS holds of the metrics the part cares about.
   *
   * @param existing models by {@link #key}
   * @param recorded status's records by {@link #key}
   */
  public record Observed(
      Map<String, ObservedAnomalyDetector> existing, Map<String, AnomalyDetectorStatus> recorded) {
    public Observed {
      existing = Map.copyOf(existing);
      recorded = Map.copyOf(recorded);
    }
  }

  private AnomalyPart() {}

  @Override
  public String name() {
    return "anomaly detection models";
  }

  @Override
  public Desired desired(DesiredInput input) {
    String own =
        Names.presetMetricNamespace(
            input.config().alarmNamePrefix(), input.namespace(), input.name());
    List<MetricFilterConfig> filters = input.soFar().of(MetricFiltersPart.PART);
    boolean ownInUse = filters.stream().anyMatch(f -> own.equals(f.metricNamespace()));
    List<AlarmSpec> alarms = input.spec().getAlarms();
    if (alarms == null) {
      return new Desired(List.of(), own, ownInUse, Set.of());
    }
    Map<String, DesiredDetector> detectors = new LinkedHashMap<>();
    Set<String> inUse = new LinkedHashSet<>();
    for (AlarmSpec alarm : alarms) {
      bandedMetric(alarm)
          .ifPresent(
              entry -> {
                AlarmsPart.MetricRef metric =
                    AlarmsPart.source(entry.getMetricFilter(), entry.getMetric(), filters, alarm);
                AnomalyDetectorSpec settings = alarm.getAnomalyDetector();
                AnomalyDetectorConfig config =
                    config(
                        metric,
                        entry.getStat(),
                        settings == null ? new AnomalyDetectorSpec() : settings);
                inUse.add(key(config));
                if (settings != null) {
                  detectors.putIfAbsent(
                      key(config),
                      new DesiredDetector(alarm.getName(), config, own.equals(metric.namespace())));
                }
              });
    }
    return new Desired(List.copyOf(detectors.values()), own, ownInUse, inUse);
  }

  /** The metrics entry a band alarm draws its band around, if it is a metric. */
  private static Optional<AlarmMetricQuerySpec> bandedMetric(AlarmSpec alarm) {
    if (alarm.getThresholdMetricId() == null || alarm.getMetrics() == null) {
      return Optional.empty();
    }
    Optional<String> of =
        alarm.getMetrics().stream()
            .filter(q -> alarm.getThresholdMetricId().equals(q.getId()))
            .map(AlarmMetricQuerySpec::getExpression)
            .filter(Objects::nonNull)
            .findFirst()
            .flatMap(AnomalyPart::band);
    return of.flatMap(
        id ->
            alarm.getMetrics().stream()
                .filter(q -> id.equals(q.getId()) && q.getExpression() == null)
                .findFirst());
  }

  private static Optional<String> band(String expression) {
    try {
      return MetricMath.parse(expression).band().map(MetricMath.Band::of);
    } catch (MetricMath.Malformed e) {
      return Optional.empty();
    }
  }

  private static AnomalyDetectorConfig config(
      AlarmsPart.MetricRef metric, String stat, AnomalyDetectorSpec settings) {
    List<AnomalyDetectorConfig.TimeRange> excluded = new ArrayList<>();
    if (settings.getExcludedTimeRanges() != null) {
      for (TimeRangeSpec range : settings.getExcludedTimeRanges()) {
        excluded.add(
            new AnomalyDetectorConfig.TimeRange(
                LocalDateTime.parse(range.getStart()).toInstant(ZoneOffset.UTC),
                LocalDateTime.parse(range.getEnd()).toInstant(ZoneOffset.UTC)));
      }
    }
    return new AnomalyDetectorConfig(
        metric.namespace(),
        metric.name(),
        metric.dimensions(),
        stat,
        excluded,
        settings.getMetricTimezone());
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    int count = desired.of(PART).detectors().size();
    return count == 0 ? Optional.empty() : Optional.of(count + " anomaly model(s)");
  }

  @Override
  public Observed observe(ReadContext read) {
    Desired desired = read.desired().of(PART);
    Map<String, AnomalyDetectorStatus> recorded = new LinkedHashMap<>();
    ModelAuditStatus status = read.status();
    if (status != null && status.getAnomalyDetectors() != null) {
      for (AnomalyDetectorStatus record : status.getAnomalyDetectors()) {
        if (record.getMetricNamespace() != null
            && record.getMetricName() != null
            && record.getStat() != null) {
          recorded.put(key(record), record);
        }
      }
    }
    Set<String> wanted = new LinkedHashSet<>(recorded.keySet());
    Set<List<String>> metrics = new LinkedHashSet<>();
    for (DesiredDetector detector : desired.detectors()) {
      wanted.add(key(detector.config()));
      metrics.add(List.of(detector.config().namespace(), detector.config().metricName()));
    }
    recorded.values().forEach(r -> metrics.add(List.of(r.getMetricNamespace(), r.getMetricName())));
    boolean listOwn = read.mode().withTags() && ownNamespaceInUse(desired, recorded, status);
    Map<String, ObservedAnomalyDetector> existing = new LinkedHashMap<>();
    for (List<String> metric : metrics) {
      if (listOwn && metric.get(0).equals(desired.ownNamespace())) {
        continue; // listed below, with the whole namespace
      }
      for (ObservedAnomalyDetector model :
          read.gateway().describeAnomalyDetectors(metric.get(0), metric.get(1))) {
        if (wanted.contains(key(model.config()))) {
          existing.put(key(model.config()), model);
        }
      }
    }
    if (listOwn) {
      // every model of the own namespace: one made just before a crash is not in status yet
      for (ObservedAnomalyDetector model :
          read.gateway().describeAnomalyDetectors(desired.ownNamespace(), null)) {
        existing.put(key(model.config()), model);
      }
    }
    return new Observed(existing, recorded);
  }

  /**
   * Whether models may exist in the own namespace: its filters publish there now, or status says
   * they did (a spec that dropped its presets) or records a model there. A ModelAudit without
   * presets makes no call for it.
   */
  private static boolean ownNamespaceInUse(
      Desired desired, Map<String, AnomalyDetectorStatus> recorded, ModelAuditStatus status) {
    if (desired.ownNamespaceInUse()) {
      return true;
    }
    if (recorded.values().stream()
        .anyMatch(r -> desired.ownNamespace().equals(r.getMetricNamespace()))) {
      return true;
    }
    return status != null
        && status.getMetrics() != null
        && status.getMetrics().stream()
            .anyMatch(m -> m != null && desired.ownNamespace().equals(m.getNamespace()));
  }

  @Override
  public void blockers(DesiredState desired, Observation observed, List<Blocker> out) {
    Observed has = observed.of(PART);
    for (DesiredDetector detector : desired.of(PART).detectors()) {
      if (isForeign(detector, has) && !desired.adoptExisting()) {
        out.add(
            new Blocker(
                ConditionReason.AlreadyExists,
                "the anomaly detection model of "
                    + detector.config().describe()
                    + " (alarm "
                    + detector.alarm()
                    + ") exists and was not made by this ModelAudit; CloudWatch keeps one model"
                    + " per metric and statistic: set spec.adoptExisting: true to configure it"
                    + " (it is then never deleted), or remove the alarm's anomalyDetector"));
      }
    }
  }

  /** Adopting a model: status records it as adopted before its settings change. */
  @Override
  public Optional<String> holds(DesiredState desired, Observation observed) {
    Observed has = observed.of(PART);
    List<String> adopted =
        desired.of(PART).detectors().stream()
            .filter(d -> isForeign(d, has))
            .map(d -> "anomaly detection model of " + d.config().describe())
            .toList();
    return adopted.isEmpty()
        ? Optional.empty()
        : Optional.of("recording " + String.join(", ", adopted) + " as adopted");
  }

  /** A model of a metric outside the own namespace is recorded in status before it is made. */
  @Override
  public Optional<String> prepares(DesiredState desired, Observation observed) {
    Observed has = observed.of(PART);
    List<String> unrecorded =
        desired.of(PART).detectors().stream()
            .filter(d -> !d.ownNamespace())
            .filter(d -> !has.existing().containsKey(key(d.config())))
            .filter(d -> !has.recorded().containsKey(key(d.config())))
            .map(d -> "the anomaly detection model of " + d.config().describe())
            .toList();
    return unrecorded.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", unrecorded));
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    for (DesiredDetector detector : desired.of(PART).detectors()) {
      String key = key(detector.config());
      ObservedAnomalyDetector existing = has.existing().get(key);
      boolean ours = detector.ownNamespace() || has.recorded().containsKey(key);
      if (!ours) {
        continue; // blocked, held or prepared before: never reached
      }
      if (existing == null) {
        out.add(new PutAnomalyDetector(detector.config(), false));
      } else if (!same(detector.config(), existing.config())) {
        out.add(new PutAnomalyDetector(detector.config(), true));
      }
    }
  }

  /** Models the spec dropped, once no alarm uses them: deleted when the operator made them. */
  @Override
  public void prune(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    Desired want = desired.of(PART);
    Set<String> wanted = new LinkedHashSet<>();
    want.detectors().forEach(d -> wanted.add(key(d.config())));
    wanted.addAll(want.inUse());
    for (Map.Entry<String, ObservedAnomalyDetector> entry : has.existing().entrySet()) {
      if (!wanted.contains(entry.getKey()) && isCreated(entry.getValue(), has, want)) {
        out.add(new DeleteAnomalyDetector(entry.getValue().config()));
      }
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    Observed has = observed.of(PART);
    Desired want = desired.of(PART);
    for (ObservedAnomalyDetector model : has.existing().values()) {
      if (isCreated(model, has, want)) {
        out.write(new DeleteAnomalyDetector(model.config()));
      } else if (isAdopted(model, has)) {
        out.keep(
            new Cleanup.Kept(
                false,
                EventReason.Kept,
                "anomaly detection model of "
                    + model.config().describe()
                    + " was adopted (it existed before this ModelAudit) and is kept"));
      }
    }
  }

  /**
   * Every desired model with its origin (those not made yet too, once recorded: the record comes
   * first), then the recorded ones the spec dropped that still exist (until pruned).
   */
  @Override
  public void status(
      DesiredState desired,
      Observation observed,
      ModelAuditStatus previous,
      ModelAuditStatus next) {
    Observed has = observed.of(PART);
    Map<String, AnomalyDetectorStatus> entries = new LinkedHashMap<>();
    for (DesiredDetector detector : desired.of(PART).detectors()) {
      String key = key(detector.config());
      ObservedAnomalyDetector existing = has.existing().get(key);
      AnomalyDetectorStatus recorded = has.recorded().get(key);
      String origin;
      if (recorded != null && recorded.getOrigin() != null) {
        origin = recorded.getOrigin();
      } else if (detector.ownNamespace()) {
        if (existing == null) {
          continue;
        }
        origin = Tags.CREATED;
      } else {
        // unrecorded: a model about to be made (prepare step), or one being adopted (hold step)
        origin = existing == null ? Tags.CREATED : Tags.ADOPTED;
      }
      entries.put(key, entry(detector.alarm(), detector.config(), origin, existing));
    }
    for (Map.Entry<String, AnomalyDetectorStatus> record : has.recorded().entrySet()) {
      ObservedAnomalyDetector existing = has.existing().get(record.getKey());
      if (!entries.containsKey(record.getKey())
          && existing != null
          && Tags.CREATED.equals(record.getValue().getOrigin())) {
        AnomalyDetectorStatus kept = record.getValue();
        entries.put(
            record.getKey(), entry(kept.getAlarm(), existing.config(), kept.getOrigin(), existing));
      }
    }
    next.setAnomalyDetectors(entries.isEmpty() ? null : List.copyOf(entries.values()));
  }

  private static AnomalyDetectorStatus entry(
      String alarm, AnomalyDetectorConfig config, String origin, ObservedAnomalyDetector existing) {
    return new AnomalyDetectorStatus(
        alarm,
        config.namespace(),
        config.metricName(),
        config.dimensions().isEmpty() ? null : new TreeMap<>(config.dimensions()),
        config.stat(),
        origin,
        existing == null ? null : existing.state());
  }

  /** A model that exists without a record and outside the own namespace: someone else's. */
  private static boolean isForeign(DesiredDetector detector, Observed has) {
    String key = key(detector.config());
    return !detector.ownNamespace()
        && has.existing().containsKey(key)
        && !has.recorded().containsKey(key);
  }

  /** Whether the operator made the model: its record says so, or it is of the own namespace. */
  private static boolean isCreated(ObservedAnomalyDetector model, Observed has, Desired want) {
    AnomalyDetectorStatus record = has.recorded().get(key(model.config()));
    if (record != null) {
      return Tags.CREATED.equals(record.getOrigin());
    }
    return want.ownNamespace().equals(model.config().namespace());
  }

  private static boolean isAdopted(ObservedAnomalyDetector model, Observed has) {
    AnomalyDetectorStatus record = has.recorded().get(key(model.config()));
    return record != null && Tags.ADOPTED.equals(record.getOrigin());
  }

  /** Whether the training settings match: the identity matches by construction. */
  public static boolean same(AnomalyDetectorConfig a, AnomalyDetectorConfig b) {
    return a.sameModelAs(b)
        && a.excludedTimeRanges().equals(b.excludedTimeRanges())
        && Objects.equals(zone(a.metricTimezone()), zone(b.metricTimezone()));
  }

  private static String zone(String zone) {
    return zone == null || zone.isEmpty() ? "UTC" : zone;
  }

  /** One model per metric and statistic: its key. */
  public static String key(AnomalyDetectorConfig config) {
    return key(config.namespace(), config.metricName(), config.dimensions(), config.stat());
  }

  private static String key(AnomalyDetectorStatus record) {
    return key(
        record.getMetricNamespace(),
        record.getMetricName(),
        record.getDimensions() == null ? Map.of() : record.getDimensions(),
        record.getStat());
  }

  private static String key(
      String namespace, String metricName, Map<String, String> dimensions, String stat) {
    return namespace
        + "\u0000"
        + metricName
        + "\u0000"
        + new TreeMap<>(dimensions)
        + "\u0000"
        + stat;
  }
}
