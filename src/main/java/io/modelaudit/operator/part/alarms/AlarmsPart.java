package io.modelaudit.operator.part.alarms;

import io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricQuerySpec;
import io.modelaudit.operator.api.v1alpha1.AlarmMetricSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.AlarmConfig;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.MetricQuery;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.part.AlarmSnapshot;
import io.modelaudit.operator.part.AlarmState;
import io.modelaudit.operator.part.Blocker;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Listings;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Ownership;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.TagDiff;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmChanges.DeleteAlarms;
import io.modelaudit.operator.part.alarms.AlarmChanges.PutMetricAlarm;
import io.modelaudit.operator.part.alarms.AlarmChanges.TagAlarm;
import io.modelaudit.operator.part.alarms.AlarmChanges.UntagAlarm;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.status.EventReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The metric alarms on the filters' metrics (or any metric), with their actions. Alarm names are
 * account-wide, so they carry the namespace and name; their live state is shown in status.
 */
public final class AlarmsPart implements Part<List<DesiredAlarm>, AlarmsPart.Observed> {

  public static final AlarmsPart PART = new AlarmsPart();

  /**
   * The alarms AWS holds that are desired, were managed before, or (on a full read) carry this
   * ModelAudit's name prefix.
   *
   * @param alarms existing alarms by alarm name
   * @param tags tags of each existing alarm by alarm name; empty when the read took no tags
   * @param managed alarm names status says the operator put
   * @param tagsRead whether the read took tags in (so that {@link #tags} says who owns each alarm)
   */
  public record Observed(
      Map<String, ObservedAlarm> alarms,
      Map<String, Map<String, String>> tags,
      Set<String> managed,
      boolean tagsRead) {
    public Observed {
      alarms = Map.copyOf(alarms);
      tags = Map.copyOf(tags);
      managed = Set.copyOf(managed);
    }

    /** Alarms as a full read sees them, tags included. */
    public Observed(
        Map<String, ObservedAlarm> alarms,
        Map<String, Map<String, String>> tags,
        Set<String> managed) {
      this(alarms, tags, managed, true);
    }

    Map<String, String> tagsOf(String alarmName) {
      return tags.getOrDefault(alarmName, Map.of());
    }
  }

  private AlarmsPart() {}

  @Override
  public String name() {
    return "alarms";
  }

  @Override
  public List<DesiredAlarm> desired(DesiredInput input) {
    ModelAuditSpec spec = input.spec();
    if (spec.getAlarms() == null) {
      return List.of();
    }
    List<MetricFilterConfig> filters = input.soFar().of(MetricFiltersPart.PART);
    // With a health alarm, it alone notifies by default: one page per model, not one per alarm.
    String defaultTopic =
        spec.getNotifications() == null || spec.getHealthAlarm() != null
            ? null
            : spec.getNotifications().getSnsTopicArn();
    List<DesiredAlarm> alarms = new ArrayList<>();
    for (AlarmSpec alarm : spec.getAlarms()) {
      String alarmName =
          Names.alarmName(
              input.config().alarmNamePrefix(), input.namespace(), input.name(), alarm.getName());
      AlarmActionsSpec actions = alarm.getActions();
      List<String> alarmActions =
          actionList(actions == null ? null : actions.getAlarm(), defaultTopic);
      List<String> okActions = actionList(actions == null ? null : actions.getOk(), defaultTopic);
      List<String> insufficientData =
          actionList(actions == null ? null : actions.getInsufficientData(), null);
      boolean actionsEnabled = alarm.getActionsEnabled() == null || alarm.getActionsEnabled();
      AlarmConfig config;
      if (alarm.getMetrics() != null) {
        config =
            new AlarmConfig(
                alarmName,
                alarm.getDescription(),
                null,
                null,
                Map.of(),
                null,
                null,
                0,
                alarm.getEvaluationPeriods(),
                alarm.getDatapointsToAlarm(),
                alarm.getComparisonOperator(),
                // an anomaly alarm has no threshold: AWS reports none, which reads as 0
                alarm.getThreshold() == null ? 0 : alarm.getThreshold(),
                alarm.getTreatMissingData(),
                actionsEnabled,
                alarmActions,
                okActions,
                insufficientData,
                null,
                queries(alarm, filters),
                alarm.getThresholdMetricId());
      } else {
        MetricRef metric = source(alarm.getMetricFilter(), alarm.getMetric(), filters, alarm);
        config =
            new AlarmConfig(
                alarmName,
                alarm.getDescription(),
                metric.namespace(),
                metric.name(),
                metric.dimensions(),
                alarm.getStatistic(),
                alarm.getExtendedStatistic(),
                alarm.getPeriod(),
                alarm.getEvaluationPeriods(),
                alarm.getDatapointsToAlarm(),
                alarm.getComparisonOperator(),
                alarm.getThreshold(),
                alarm.getTreatMissingData(),
                actionsEnabled,
                alarmActions,
                okActions,
                insufficientData,
                null);
      }
      alarms.add(new DesiredAlarm(alarm.getName(), config));
    }
    return alarms;
  }

  /** A metric an alarm or one of its metrics entries retrieves. */
  public record MetricRef(String namespace, String name, Map<String, String> dimensions) {}

  /** The metric a filter of this ModelAudit publishes, or the metric given. */
  public static MetricRef source(
      String metricFilter,
      AlarmMetricSpec metric,
      List<MetricFilterConfig> filters,
      AlarmSpec alarm) {
    if (metricFilter != null) {
      MetricFilterConfig filter =
          filters.stream()
              .filter(f -> f.filterName().equals(metricFilter))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "alarm " + alarm.getName() + " names an unknown metric filter"));
      return new MetricRef(filter.metricNamespace(), filter.metricName(), Map.of());
    }
    return new MetricRef(
        metric.getNamespace(),
        metric.getName(),
        metric.getDimensions() == null ? Map.of() : metric.getDimensions());
  }

  /**
   * The entries of a metric-math alarm: each metric over the alarm's period, each expression as
   * written. The band named by thresholdMetricId returns data too, as AWS's anomaly alarms do.
   */
  private static List<MetricQuery> queries(AlarmSpec alarm, List<MetricFilterConfig> filters) {
    List<MetricQuery> queries = new ArrayList<>();
    for (AlarmMetricQuerySpec entry : alarm.getMetrics()) {
      boolean returnData =
          Boolean.TRUE.equals(entry.getReturnData())
              || entry.getId().equals(alarm.getThresholdMetricId());
      if (entry.getExpression() != null) {
        queries.add(
            MetricQuery.expression(
                entry.getId(), entry.getLabel(), entry.getExpression(), returnData));
      } else {
        MetricRef metric = source(entry.getMetricFilter(), entry.getMetric(), filters, alarm);
        queries.add(
            MetricQuery.metric(
                entry.getId(),
                entry.getLabel(),
                metric.namespace(),
                metric.name(),
                metric.dimensions(),
                alarm.getPeriod(),
                entry.getStat(),
                returnData));
      }
    }
    return queries;
  }

  /** The spec's own list when given (even empty), else the default topic when there is one. */
  private static List<String> actionList(List<String> given, String defaultTopic) {
    if (given != null) {
      return given;
    }
    return defaultTopic == null ? List.of() : List.of(defaultTopic);
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    return Optional.of(desired.of(PART).size() + " alarm(s)");
  }

  @Override
  public Observed observe(ReadContext read) {
    CloudWatchGateway gateway = read.gateway();
    DesiredState desired = read.desired();
    Set<String> managed = managed(read.status());
    Set<String> names = new LinkedHashSet<>();
    desired.of(PART).forEach(a -> names.add(a.alarmName()));
    names.addAll(managed);
    Map<String, ObservedAlarm> alarms = new HashMap<>();
    if (!names.isEmpty()) {
      gateway.describeAlarms(names).forEach(a -> alarms.put(a.alarmName(), a));
    }
    if (read.mode().withUntracked()) {
      // by prefix too: an alarm made just before a crash is not in status yet
      gateway.listAlarms(desired.alarmNamePrefix()).forEach(a -> alarms.put(a.alarmName(), a));
    }
    Map<String, Map<String, String>> tags = new HashMap<>();
    if (read.mode().withTags()) {
      for (ObservedAlarm alarm : alarms.values()) {
        tags.put(alarm.alarmName(), gateway.listAlarmTags(alarm.arn()));
      }
    }
    return new Observed(alarms, tags, managed, read.mode().withTags());
  }

  @Override
  public void blockers(DesiredState desired, Observation observed, List<Blocker> out) {
    Observed has = observed.of(PART);
    for (DesiredAlarm alarm : desired.of(PART)) {
      String name = alarm.alarmName();
      if (!has.alarms().containsKey(name)) {
        continue;
      }
      String what = "alarm " + name;
      Map<String, String> tags = has.tagsOf(name);
      Optional<Blocker> ownership = Ownership.blocker(desired, what, tags);
      if (ownership.isPresent()) {
        out.add(ownership.get());
      } else if (Ownership.mayAdopt(desired, tags)) {
        LogGroupPart.tooManyTags(
                what, tags, Ownership.claimTags(desired, Tags.ADOPTED), Set.of(), "claim")
            .ifPresent(out::add);
      } else {
        LogGroupPart.tooManyTags(what, tags, toTag(desired, tags), toUntag(desired, tags), "tag")
            .ifPresent(out::add);
      }
    }
  }

  @Override
  public void claims(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    for (DesiredAlarm alarm : desired.of(PART)) {
      ObservedAlarm existing = has.alarms().get(alarm.alarmName());
      if (existing != null && Ownership.mayAdopt(desired, has.tagsOf(alarm.alarmName()))) {
        out.add(
            new TagAlarm(
                alarm.alarmName(), existing.arn(), Ownership.claimTags(desired, Tags.ADOPTED)));
      }
    }
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    List<DesiredAlarm> want = desired.of(PART);
    for (DesiredAlarm alarm : want) {
      ObservedAlarm existing = has.alarms().get(alarm.alarmName());
      if (existing == null) {
        out.add(
            new PutMetricAlarm(
                alarm.config(), Ownership.withOrigin(desired.tags(), Tags.CREATED), false));
        continue;
      }
      Map<String, String> tags = has.tagsOf(alarm.alarmName());
      if (!Ownership.isOwn(desired, tags)) {
        continue;
      }
      if (!same(alarm.config(), existing.config())) {
        out.add(new PutMetricAlarm(alarm.config(), desired.tags(), true));
      }
      Map<String, String> toTag = toTag(desired, tags);
      Set<String> toUntag = toUntag(desired, tags);
      Change tag = toTag.isEmpty() ? null : new TagAlarm(alarm.alarmName(), existing.arn(), toTag);
      Change untag =
          toUntag.isEmpty() ? null : new UntagAlarm(alarm.alarmName(), existing.arn(), toUntag);
      // untag first where adding first would pass AWS's limit on the way
      boolean untagFirst = TagDiff.untagFirst(tags, toTag);
      for (Change change : untagFirst ? new Change[] {untag, tag} : new Change[] {tag, untag}) {
        if (change != null) {
          out.add(change);
        }
      }
    }
  }

  /**
   * The alarms the spec dropped: deleted when the operator made them, given back untagged when it
   * adopted them. Pruned after the health alarm stopped watching them: AWS refuses to delete an
   * alarm a composite alarm depends on.
   */
  @Override
  public void prune(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    Set<String> wanted =
        desired.of(PART).stream().map(DesiredAlarm::alarmName).collect(Collectors.toSet());
    // Status is not the only record: an alarm made just before the operator died is untracked but
    // carries the ownership tag, and it must go when the spec no longer wants it.
    Set<String> candidates = new TreeSet<>(has.managed());
    candidates.addAll(has.alarms().keySet());
    List<String> removed = new ArrayList<>();
    for (String name : candidates) {
      Map<String, String> tags = has.tagsOf(name);
      if (wanted.contains(name)
          || !has.alarms().containsKey(name)
          || !Ownership.isOwn(desired, tags)) {
        continue;
      }
      if (isAdopted(desired, tags)) {
        release(name, has.alarms().get(name).arn(), tags).ifPresent(out::add);
      } else {
        removed.add(name);
      }
    }
    if (!removed.isEmpty()) {
      out.add(new DeleteAlarms(removed));
    }
  }

  private static boolean isAdopted(DesiredState desired, Map<String, String> tags) {
    return AlarmTags.isAdopted(desired, tags);
  }

  private static Map<String, String> toTag(DesiredState desired, Map<String, String> tags) {
    return AlarmTags.toTag(desired, tags);
  }

  private static Set<String> toUntag(DesiredState desired, Map<String, String> tags) {
    return AlarmTags.toUntag(desired, tags);
  }

  private static Optional<Change> release(String name, String arn, Map<String, String> tags) {
    return AlarmTags.release(name, arn, tags);
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    Observed has = observed.of(PART);
    List<String> owned =
        has.alarms().keySet().stream()
            .filter(name -> Ownership.isOwn(desired, has.tagsOf(name)))
            .sorted()
            .toList();
    List<String> created =
        owned.stream().filter(name -> !isAdopted(desired, has.tagsOf(name))).toList();
    if (!created.isEmpty()) {
      out.write(new DeleteAlarms(created));
    }
    for (String name : owned) {
      if (created.contains(name)) {
        continue;
      }
      out.keep(
          new Cleanup.Kept(
              false,
              EventReason.Kept,
              "alarm " + name + " was adopted (it existed before this ModelAudit) and is kept"));
      release(name, has.alarms().get(name).arn(), has.tagsOf(name)).ifPresent(out::write);
    }
  }

  /**
   * The desired alarms that exist, under their spec names, then those status tracked that still
   * exist (dropped from the spec, not deleted yet), under the name they had.
   */
  @Override
  public void status(
      DesiredState desired,
      Observation observed,
      ModelAuditStatus previous,
      ModelAuditStatus next) {
    Observed has = observed.of(PART);
    List<AlarmStatus> alarms = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (DesiredAlarm alarm : desired.of(PART)) {
      ObservedAlarm existing = has.alarms().get(alarm.alarmName());
      if (existing != null) {
        alarms.add(alarmStatus(alarm.specName(), existing));
        seen.add(alarm.alarmName());
      }
    }
    if (previous != null && previous.getAlarms() != null) {
      for (AlarmStatus old : previous.getAlarms()) {
        ObservedAlarm existing = has.alarms().get(old.getAlarmName());
        Map<String, String> tags = has.tagsOf(old.getAlarmName());
        // one that is not this ModelAudit's to delete (another's, or adopted and given back) is
        // not tracked: it stays in AWS, and must not look like drift
        boolean untracked =
            has.tagsRead() && (!Ownership.isOwn(desired, tags) || isAdopted(desired, tags));
        if (existing != null && !untracked && seen.add(old.getAlarmName())) {
          alarms.add(alarmStatus(old.getName(), existing));
        }
      }
    }
    next.setAlarms(alarms.isEmpty() ? null : alarms);
  }

  /** Desired alarms that are missing or differ, and dropped alarms that still exist. */
  @Override
  public void drift(
      DesiredState desired, ModelAuditStatus status, Listings listings, List<String> out) {
    if (listings.alarms().isEmpty()) {
      return;
    }
    AlarmSnapshot snapshot = listings.alarms().get();
    List<DesiredAlarm> want = desired.of(PART);
    for (DesiredAlarm alarm : want) {
      Optional<ObservedAlarm> has = snapshot.alarm(alarm.alarmName());
      if (has.isEmpty()) {
        out.add("alarm " + alarm.alarmName() + " is missing");
      } else if (!same(alarm.config(), has.get().config())) {
        out.add("alarm " + alarm.alarmName() + " differs from the spec");
      }
    }
    Set<String> wanted = want.stream().map(DesiredAlarm::alarmName).collect(Collectors.toSet());
    for (String managed : managed(status)) {
      if (!wanted.contains(managed) && snapshot.alarm(managed).isPresent()) {
        out.add("alarm " + managed + " is no longer in the spec but still exists");
      }
    }
  }

  /**
   * The status's alarms with state, reason and time taken from the listing, when at least one of
   * them moved; empty when the listing shows nothing new. Alarms the listing lacks keep theirs.
   */
  @Override
  public Optional<Consumer<ModelAuditStatus>> refreshed(
      ModelAuditStatus status, Listings listings) {
    return refreshedAlarms(status, listings)
        .map(alarms -> (Consumer<ModelAuditStatus>) next -> next.setAlarms(alarms));
  }

  /** See {@link #refreshed}: the refreshed alarm entries themselves. */
  public static Optional<List<AlarmStatus>> refreshedAlarms(
      ModelAuditStatus status, Listings listings) {
    if (status == null || listings.alarms().isEmpty()) {
      return Optional.empty();
    }
    AlarmSnapshot snapshot = listings.alarms().get();
    return withNewerStates(
        status.getAlarms(),
        name ->
            snapshot
                .alarm(name)
                .filter(a -> a.state() != null)
                .map(
                    a ->
                        new AlarmState(
                            a.state(),
                            a.stateReason(),
                            a.stateUpdatedAt() == null ? Instant.EPOCH : a.stateUpdatedAt())));
  }

  /**
   * The alarm entries with each state replaced by a newer one from {@code latest}, when at least
   * one is newer; empty otherwise. A state older than the entry's (a listing taken before a pushed
   * event, a repeated event) never replaces it: status does not go back in time.
   */
  public static Optional<List<AlarmStatus>> withNewerStates(
      List<AlarmStatus> alarms, Function<String, Optional<AlarmState>> latest) {
    if (alarms == null) {
      return Optional.empty();
    }
    boolean changed = false;
    List<AlarmStatus> refreshed = new ArrayList<>();
    for (AlarmStatus alarm : alarms) {
      Optional<AlarmState> newer =
          alarm.getAlarmName() == null
              ? Optional.empty()
              : latest
                  .apply(alarm.getAlarmName())
                  .filter(s -> alarm.getState() == null || s.isNewerThan(updatedAt(alarm)));
      if (newer.isEmpty()) {
        refreshed.add(alarm);
        continue;
      }
      AlarmStatus next =
          new AlarmStatus(
              alarm.getName(),
              alarm.getAlarmName(),
              alarm.getArn(),
              newer.get().value(),
              newer.get().reason(),
              newer.get().updatedAt().toString());
      changed |= !next.equals(alarm);
      refreshed.add(next);
    }
    return changed ? Optional.of(refreshed) : Optional.empty();
  }

  /** When the entry's state was set, as status recorded it; null when unknown or unreadable. */
  private static Instant updatedAt(AlarmStatus alarm) {
    return AlarmState.timeOf(alarm.getStateUpdatedAt());
  }

  /**
   * Field-by-field comparison, with AWS's defaults made explicit and action order ignored. An
   * anomaly alarm has no threshold; metric-math entries compare by id.
   */
  public static boolean same(AlarmConfig a, AlarmConfig b) {
    return Objects.equals(a.alarmName(), b.alarmName())
        && sameQueries(a.metrics(), b.metrics())
        && Objects.equals(a.thresholdMetricId(), b.thresholdMetricId())
        && Objects.equals(blankToEmpty(a.description()), blankToEmpty(b.description()))
        && Objects.equals(a.metricNamespace(), b.metricNamespace())
        && Objects.equals(a.metricName(), b.metricName())
        && Objects.equals(a.dimensions(), b.dimensions())
        && Objects.equals(a.statistic(), b.statistic())
        && Objects.equals(
            extendedStatistic(a.extendedStatistic()), extendedStatistic(b.extendedStatistic()))
        && a.period() == b.period()
        && a.evaluationPeriods() == b.evaluationPeriods()
        && datapoints(a) == datapoints(b)
        && Objects.equals(a.comparisonOperator(), b.comparisonOperator())
        && (a.thresholdMetricId() != null || Double.compare(a.threshold(), b.threshold()) == 0)
        && Objects.equals(missingData(a.treatMissingData()), missingData(b.treatMissingData()))
        && a.actionsEnabled() == b.actionsEnabled()
        && sameSet(a.alarmActions(), b.alarmActions())
        && sameSet(a.okActions(), b.okActions())
        && sameSet(a.insufficientDataActions(), b.insufficientDataActions())
        && Objects.equals(unit(a.unit()), unit(b.unit()));
  }

  private static boolean sameQueries(List<MetricQuery> a, List<MetricQuery> b) {
    if (a.size() != b.size()) {
      return false;
    }
    Map<String, MetricQuery> byId = new HashMap<>();
    b.forEach(q -> byId.put(q.id(), q));
    for (MetricQuery query : a) {
      MetricQuery other = byId.get(query.id());
      if (other == null
          || !Objects.equals(blankToEmpty(query.label()), blankToEmpty(other.label()))
          || !Objects.equals(query.expression(), other.expression())
          || !Objects.equals(query.namespace(), other.namespace())
          || !Objects.equals(query.metricName(), other.metricName())
          || !Objects.equals(query.dimensions(), other.dimensions())
          || !Objects.equals(query.period(), other.period())
          || !Objects.equals(query.stat(), other.stat())
          || query.returnData() != other.returnData()) {
        return false;
      }
    }
    return true;
  }

  static AlarmStatus alarmStatus(String specName, ObservedAlarm alarm) {
    return new AlarmStatus(
        specName,
        alarm.alarmName(),
        alarm.arn(),
        alarm.state(),
        alarm.stateReason(),
        alarm.stateUpdatedAt() == null ? null : alarm.stateUpdatedAt().toString());
  }

  private static Set<String> managed(ModelAuditStatus status) {
    return status == null || status.getAlarms() == null
        ? Set.of()
        : status.getAlarms().stream()
            .map(AlarmStatus::getAlarmName)
            .filter(Objects::nonNull)
            .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static int datapoints(AlarmConfig alarm) {
    return alarm.datapointsToAlarm() == null
        ? alarm.evaluationPeriods()
        : alarm.datapointsToAlarm();
  }

  private static final Pattern PERCENTILE =
      Pattern.compile("^(p|tm|wm|tc|ts)([0-9]+(\\.[0-9]+)?)$");

  /**
   * A percentile statistic in one form: the API writes them "between p0.0 and p100", so an alarm
   * put with p99 may read back as p99.0; the number is compared, not its text.
   */
  static String extendedStatistic(String value) {
    if (value == null) {
      return null;
    }
    Matcher percentile = PERCENTILE.matcher(value);
    if (!percentile.matches()) {
      return value;
    }
    return percentile.group(1)
        + new BigDecimal(percentile.group(2)).stripTrailingZeros().toPlainString();
  }

  private static String missingData(String value) {
    return value == null ? "missing" : value;
  }

  private static String unit(String value) {
    return value == null || value.equals("None") ? null : value;
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static boolean sameSet(List<String> a, List<String> b) {
    return new TreeSet<>(a).equals(new TreeSet<>(b));
  }
}
