package io.modelaudit.operator.part.subscriptions;

import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.api.v1alpha1.ArchiveSpec;
import io.modelaudit.operator.api.v1alpha1.ArchiveStatus;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.api.v1alpha1.SpecRules;
import io.modelaudit.operator.cloudwatch.SubscriptionFilterConfig;
import io.modelaudit.operator.part.Blocker;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.subscriptions.SubscriptionChanges.DeleteSubscriptionFilter;
import io.modelaudit.operator.part.subscriptions.SubscriptionChanges.PutSubscriptionFilter;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.EventReason;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The audit archive: subscription filters that copy the log group's events to Firehose, Kinesis,
 * Lambda or a cross-account destination. AWS allows two per log group.
 *
 * <p>Subscription filters carry no tags: the operator's are those status tracks and those the spec
 * names. One it did not make - another team's SIEM forwarder, or one an adopted group held - is
 * never changed nor deleted; when it leaves no room for the spec's, the ModelAudit stalls with
 * LimitExceeded naming it. At deletion the archive is part of the audit trail: under Retain it
 * stays with the retained log group, so events written there are still copied; under Delete it
 * goes; an adopted group is handed back without the operator's filters.
 */
public final class SubscriptionsPart
    implements Part<List<SubscriptionFilterConfig>, SubscriptionsPart.Observed> {

  public static final SubscriptionsPart PART = new SubscriptionsPart();

  /**
   * The group's subscription filters.
   *
   * @param existing every filter of the group; empty when the group does not exist
   * @param managed the names status says the operator put
   */
  public record Observed(List<SubscriptionFilterConfig> existing, Set<String> managed) {
    public Observed {
      existing = List.copyOf(existing);
      managed = Set.copyOf(managed);
    }
  }

  private SubscriptionsPart() {}

  @Override
  public String name() {
    return "archive";
  }

  @Override
  public List<SubscriptionFilterConfig> desired(DesiredInput input) {
    List<ArchiveSpec> specs = input.spec().getArchive();
    if (specs == null) {
      return List.of();
    }
    List<SubscriptionFilterConfig> filters = new ArrayList<>();
    for (ArchiveSpec spec : specs) {
      filters.add(
          new SubscriptionFilterConfig(
              input.soFar().logGroupName(),
              spec.getName(),
              spec.getPattern() == null ? "" : spec.getPattern(),
              spec.getDestinationArn(),
              spec.getRoleArn(),
              spec.getDistribution() == null
                  ? SubscriptionFilterConfig.DEFAULT_DISTRIBUTION
                  : spec.getDistribution()));
    }
    return filters;
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    int count = desired.of(PART).size();
    return count == 0 ? Optional.empty() : Optional.of(count + " archive filter(s)");
  }

  @Override
  public Observed observe(ReadContext read) {
    ModelAuditStatus status = read.status();
    Set<String> managed =
        status == null || status.getArchive() == null
            ? Set.of()
            : status.getArchive().stream()
                .map(ArchiveStatus::getName)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    if (!LogGroupPart.exists(read.soFar())) {
      return new Observed(List.of(), managed);
    }
    return new Observed(
        read.gateway().describeSubscriptionFilters(read.desired().logGroupName()), managed);
  }

  /** Names the group held before it was adopted: never the operator's. */
  private static Set<String> heldBefore(DesiredState desired, Observation observed) {
    if (!LogGroupPart.isAdopted(desired, observed)) {
      return Set.of();
    }
    Optional<AdoptionStatus> record = LogGroupPart.adoptionRecord(desired, observed);
    if (record.isEmpty() || record.get().getSubscriptionFilters() == null) {
      // record lost: every filter there may be the group's own
      return observed.of(PART).existing().stream()
          .map(SubscriptionFilterConfig::filterName)
          .filter(n -> !observed.of(PART).managed().contains(n))
          .collect(Collectors.toSet());
    }
    return Set.copyOf(record.get().getSubscriptionFilters());
  }

  /** The names the operator may change or delete: the spec's and those status tracks. */
  private static Set<String> ours(DesiredState desired, Observation observed) {
    Set<String> ours = new TreeSet<>(observed.of(PART).managed());
    desired.of(PART).forEach(f -> ours.add(f.filterName()));
    ours.removeAll(heldBefore(desired, observed));
    return ours;
  }

  @Override
  public void blockers(DesiredState desired, Observation observed, List<Blocker> out) {
    if (!LogGroupPart.isOwned(desired, observed)) {
      return;
    }
    List<SubscriptionFilterConfig> want = desired.of(PART);
    Set<String> held = heldBefore(desired, observed);
    for (SubscriptionFilterConfig filter : want) {
      if (held.contains(filter.filterName())) {
        out.add(
            new Blocker(
                ConditionReason.AlreadyExists,
                "spec.archive: subscription filter "
                    + filter.filterName()
                    + " was on log group "
                    + desired.logGroupName()
                    + " before it was adopted and is never changed by the operator; give the"
                    + " archive entry another name"));
      }
    }
    Set<String> ours = ours(desired, observed);
    List<String> others =
        observed.of(PART).existing().stream()
            .map(SubscriptionFilterConfig::filterName)
            .filter(n -> !ours.contains(n))
            .sorted()
            .toList();
    if (!want.isEmpty() && others.size() + want.size() > SpecRules.ARCHIVE_MAX_ITEMS) {
      out.add(
          new Blocker(
              ConditionReason.LimitExceeded,
              "log group "
                  + desired.logGroupName()
                  + " has subscription filters "
                  + others
                  + " that the operator did not make, and spec.archive asks for "
                  + want.size()
                  + " more; AWS allows "
                  + SpecRules.ARCHIVE_MAX_ITEMS
                  + " per log group: remove those in AWS or shorten spec.archive"));
    }
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    List<SubscriptionFilterConfig> want = desired.of(PART);
    Observed has = observed.of(PART);
    Set<String> wanted =
        want.stream().map(SubscriptionFilterConfig::filterName).collect(Collectors.toSet());
    Set<String> ours = ours(desired, observed);
    // removals first: they make room under AWS's limit of two
    has.existing().stream()
        .map(SubscriptionFilterConfig::filterName)
        .filter(n -> ours.contains(n) && !wanted.contains(n))
        .sorted()
        .forEach(n -> out.add(new DeleteSubscriptionFilter(desired.logGroupName(), n)));
    for (SubscriptionFilterConfig filter : want) {
      Optional<SubscriptionFilterConfig> existing = find(has.existing(), filter.filterName());
      if (existing.isEmpty() || !same(filter, existing.get())) {
        out.add(new PutSubscriptionFilter(filter, existing.isPresent()));
      }
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    if (!LogGroupPart.isOwned(desired, observed)
        || LogGroupPart.deletedAtCleanup(desired, observed)) {
      return;
    }
    Set<String> ours = ours(desired, observed);
    List<String> present =
        observed.of(PART).existing().stream()
            .map(SubscriptionFilterConfig::filterName)
            .filter(ours::contains)
            .sorted()
            .toList();
    if (present.isEmpty()) {
      return;
    }
    boolean adopted = LogGroupPart.isAdopted(desired, observed);
    if (desired.deletionPolicy() == DeletionPolicy.Retain && !adopted) {
      out.keep(
          new Cleanup.Kept(
              false,
              EventReason.Kept,
              "archive subscription filters "
                  + present
                  + " of "
                  + desired.logGroupName()
                  + " are kept with the retained log group: events written there are still"
                  + " copied; delete them in AWS when the archive is no longer required"));
      return;
    }
    present.forEach(n -> out.write(new DeleteSubscriptionFilter(desired.logGroupName(), n)));
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
    names.removeAll(heldBefore(desired, observed));
    List<ArchiveStatus> archive = new ArrayList<>();
    for (String name : names) {
      find(has.existing(), name)
          .map(f -> new ArchiveStatus(f.filterName(), f.destinationArn()))
          .ifPresent(archive::add);
    }
    next.setArchive(archive.isEmpty() ? null : archive);
    if (LogGroupPart.recordsAdoption(desired, observed) && next.getAdoption() != null) {
      next.getAdoption()
          .setSubscriptionFilters(
              has.existing().stream().map(SubscriptionFilterConfig::filterName).sorted().toList());
    }
  }

  /** Field-by-field comparison, with AWS's defaults made explicit. */
  public static boolean same(SubscriptionFilterConfig a, SubscriptionFilterConfig b) {
    return Objects.equals(blankToEmpty(a.pattern()), blankToEmpty(b.pattern()))
        && Objects.equals(a.destinationArn(), b.destinationArn())
        && Objects.equals(blankToNull(a.roleArn()), blankToNull(b.roleArn()))
        && Objects.equals(distribution(a), distribution(b));
  }

  private static String distribution(SubscriptionFilterConfig filter) {
    return filter.distribution() == null
        ? SubscriptionFilterConfig.DEFAULT_DISTRIBUTION
        : filter.distribution();
  }

  private static Optional<SubscriptionFilterConfig> find(
      List<SubscriptionFilterConfig> filters, String name) {
    return filters.stream().filter(f -> f.filterName().equals(name)).findFirst();
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
