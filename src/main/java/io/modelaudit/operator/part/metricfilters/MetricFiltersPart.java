package io.modelaudit.operator.part.metricfilters;

import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.api.v1alpha1.MetricFilterSpec;
import io.modelaudit.operator.api.v1alpha1.MetricFilterStatus;
import io.modelaudit.operator.api.v1alpha1.MetricTransformationSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Listings;
import io.modelaudit.operator.part.LogGroupSnapshot;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.metricfilters.MetricFilterChanges.DeleteMetricFilter;
import io.modelaudit.operator.part.metricfilters.MetricFilterChanges.PutMetricFilter;
import io.modelaudit.operator.status.EventReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The metric filters that turn the log group's events into CloudWatch metrics. Filters carry no
 * tags: which ones are the operator's is decided by status and by who made the group.
 */
public final class MetricFiltersPart
    implements Part<List<MetricFilterConfig>, MetricFiltersPart.Observed> {

  public static final MetricFiltersPart PART = new MetricFiltersPart();

  /**
   * The filters of the group.
   *
   * @param existing every filter of the group, each stored copy of a name (see {@link #converge});
   *     empty when the group does not exist
   * @param managed the names status says the operator put
   */
  public record Observed(List<MetricFilterConfig> existing, Set<String> managed) {
    public Observed {
      existing = List.copyOf(existing);
      managed = Set.copyOf(managed);
    }
  }

  private MetricFiltersPart() {}

  @Override
  public String name() {
    return "metric filters";
  }

  @Override
  public List<MetricFilterConfig> desired(DesiredInput input) {
    List<MetricFilterSpec> specs = input.spec().getMetricFilters();
    if (specs == null) {
      return List.of();
    }
    String group = input.soFar().logGroupName();
    List<MetricFilterConfig> filters = new ArrayList<>();
    for (MetricFilterSpec spec : specs) {
      MetricTransformationSpec metric = spec.getMetric();
      filters.add(
          new MetricFilterConfig(
              group,
              spec.getName(),
              spec.getPattern() == null ? "" : spec.getPattern(),
              metric.getNamespace(),
              metric.getName(),
              metric.getValue(),
              metric.getDefaultValue(),
              metric.getUnit(),
              metric.getDimensions()));
    }
    return filters;
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    return Optional.of(desired.of(PART).size() + " metric filter(s)");
  }

  @Override
  public Observed observe(ReadContext read) {
    ModelAuditStatus status = read.status();
    Set<String> managed =
        status == null || status.getMetricFilters() == null
            ? Set.of()
            : status.getMetricFilters().stream()
                .map(MetricFilterStatus::getName)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    if (!LogGroupPart.exists(read.soFar())) {
      return new Observed(List.of(), managed);
    }
    return new Observed(
        read.gateway().describeMetricFilters(read.desired().logGroupName()), managed);
  }

  /**
   * AWS keeps one filter per name and PutMetricFilter replaces it. A store that appends instead
   * (moto 5.2.1) can hold several copies of a name, each of them counting events; the name is in
   * sync only as a single matching copy, so extra copies are all deleted and one is put again.
   */
  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    String group = desired.logGroupName();
    List<MetricFilterConfig> want = desired.of(PART);
    Map<String, List<MetricFilterConfig>> existing = byName(observed.of(PART).existing());
    Set<String> wanted =
        want.stream().map(MetricFilterConfig::filterName).collect(Collectors.toSet());
    removable(desired, observed).stream()
        .filter(name -> existing.containsKey(name) && !wanted.contains(name))
        .sorted()
        .forEach(name -> deleteEveryCopy(group, name, existing.get(name), out));
    for (MetricFilterConfig filter : want) {
      List<MetricFilterConfig> copies = existing.getOrDefault(filter.filterName(), List.of());
      if (copies.size() > 1) {
        deleteEveryCopy(group, filter.filterName(), copies, out);
        out.add(new PutMetricFilter(filter, true));
      } else if (copies.isEmpty() || !same(filter, copies.get(0))) {
        out.add(new PutMetricFilter(filter, !copies.isEmpty()));
      }
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    if (!LogGroupPart.isOwned(desired, observed)) {
      return;
    }
    Set<String> filters = new TreeSet<>(removable(desired, observed));
    desired.of(PART).forEach(f -> filters.add(f.filterName()));
    filters.retainAll(ownable(desired, observed));
    for (MetricFilterConfig existing : observed.of(PART).existing()) {
      if (filters.contains(existing.filterName())) {
        out.write(new DeleteMetricFilter(desired.logGroupName(), existing.filterName()));
      }
    }
    if (LogGroupPart.isAdopted(desired, observed)) {
      List<String> kept =
          observed.of(PART).existing().stream()
              .map(MetricFilterConfig::filterName)
              .filter(name -> !filters.contains(name))
              .distinct()
              .sorted()
              .toList();
      if (!kept.isEmpty()) {
        out.keep(
            new Cleanup.Kept(
                false,
                EventReason.Kept,
                "metric filters "
                    + kept
                    + " of adopted log group "
                    + desired.logGroupName()
                    + " were not made by this ModelAudit and are kept"));
      }
    }
  }

  @Override
  public void status(
      DesiredState desired,
      Observation observed,
      ModelAuditStatus previous,
      ModelAuditStatus next) {
    Observed has = observed.of(PART);
    Set<String> names = new LinkedHashSet<>();
    desired.of(PART).forEach(f -> names.add(f.filterName()));
    names.addAll(has.managed());
    List<MetricFilterStatus> filters = new ArrayList<>();
    for (String name : names) {
      find(has.existing(), name)
          .map(f -> new MetricFilterStatus(f.filterName(), f.metricNamespace(), f.metricName()))
          .ifPresent(filters::add);
    }
    next.setMetricFilters(filters.isEmpty() ? null : filters);
    if (LogGroupPart.recordsAdoption(desired, observed) && next.getAdoption() != null) {
      next.getAdoption()
          .setMetricFilters(
              has.existing().stream()
                  .map(MetricFilterConfig::filterName)
                  .distinct()
                  .sorted()
                  .toList());
    }
  }

  /**
   * Desired filters that are missing or differ, and dropped filters that still exist; nothing for a
   * group the listing does not cover or that is missing (the log group part reports that).
   */
  @Override
  public void drift(
      DesiredState desired, ModelAuditStatus status, Listings listings, List<String> out) {
    String name = desired.logGroupName();
    Optional<LogGroupSnapshot> snapshot = listings.logGroups().filter(s -> s.covers(name));
    if (snapshot.isEmpty() || snapshot.get().group(name).isEmpty()) {
      return;
    }
    List<MetricFilterConfig> filters = snapshot.get().filters(name);
    List<MetricFilterConfig> want = desired.of(PART);
    for (MetricFilterConfig filter : want) {
      Optional<MetricFilterConfig> existing = find(filters, filter.filterName());
      if (existing.isEmpty()) {
        out.add("metric filter " + filter.filterName() + " of " + name + " is missing");
      } else if (!same(filter, existing.get())) {
        out.add("metric filter " + filter.filterName() + " of " + name + " differs from the spec");
      }
    }
    Set<String> wanted =
        want.stream().map(MetricFilterConfig::filterName).collect(Collectors.toSet());
    if (status != null && status.getMetricFilters() != null) {
      for (MetricFilterStatus managed : status.getMetricFilters()) {
        String managedName = managed.getName();
        if (managedName != null
            && !wanted.contains(managedName)
            && find(filters, managedName).isPresent()) {
          out.add(
              "metric filter "
                  + managedName
                  + " of "
                  + name
                  + " is no longer in the spec but exists");
        }
      }
    }
  }

  /** Field-by-field comparison, with AWS's defaults made explicit. */
  public static boolean same(MetricFilterConfig a, MetricFilterConfig b) {
    return Objects.equals(blankToEmpty(a.pattern()), blankToEmpty(b.pattern()))
        && Objects.equals(a.metricNamespace(), b.metricNamespace())
        && Objects.equals(a.metricName(), b.metricName())
        && Objects.equals(a.metricValue(), b.metricValue())
        && sameDouble(a.defaultValue(), b.defaultValue())
        && Objects.equals(unit(a.unit()), unit(b.unit()))
        && Objects.equals(a.dimensions(), b.dimensions());
  }

  /**
   * The filters the operator may remove from the log group. Filters carry no tags, and status can
   * miss one made just before a crash or a lost status write, so in a group the operator made every
   * filter is its own; in an adopted group only those status tracks are, and never one the group
   * held before it was adopted.
   */
  private static Set<String> removable(DesiredState desired, Observation observed) {
    Observed has = observed.of(PART);
    Set<String> removable =
        LogGroupPart.isAdopted(desired, observed) || !LogGroupPart.isOwned(desired, observed)
            ? new TreeSet<>(has.managed())
            : has.existing().stream()
                .map(MetricFilterConfig::filterName)
                .collect(Collectors.toCollection(TreeSet::new));
    removable.retainAll(ownable(desired, observed));
    return removable;
  }

  /**
   * The filter names that may be the operator's at all: in an adopted group, none the group held
   * before (when that record is lost, none at all), elsewhere any.
   */
  private static Set<String> ownable(DesiredState desired, Observation observed) {
    Observed has = observed.of(PART);
    Set<String> all =
        has.existing().stream()
            .map(MetricFilterConfig::filterName)
            .collect(Collectors.toCollection(TreeSet::new));
    all.addAll(has.managed());
    desired.of(PART).forEach(f -> all.add(f.filterName()));
    if (!LogGroupPart.isAdopted(desired, observed)) {
      return all;
    }
    Optional<AdoptionStatus> record = LogGroupPart.adoptionRecord(desired, observed);
    if (record.isEmpty() || record.get().getMetricFilters() == null) {
      return Set.of();
    }
    all.removeAll(record.get().getMetricFilters());
    return all;
  }

  private static Map<String, List<MetricFilterConfig>> byName(List<MetricFilterConfig> filters) {
    return filters.stream()
        .collect(
            Collectors.groupingBy(
                MetricFilterConfig::filterName, LinkedHashMap::new, Collectors.toList()));
  }

  private static void deleteEveryCopy(
      String group, String name, List<MetricFilterConfig> copies, List<Change> out) {
    copies.forEach(copy -> out.add(new DeleteMetricFilter(group, name)));
  }

  private static Optional<MetricFilterConfig> find(List<MetricFilterConfig> filters, String name) {
    return filters.stream().filter(f -> f.filterName().equals(name)).findFirst();
  }

  private static String unit(String value) {
    return value == null || value.equals("None") ? null : value;
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static boolean sameDouble(Double a, Double b) {
    return a == null ? b == null : b != null && Double.compare(a, b) == 0;
  }
}
