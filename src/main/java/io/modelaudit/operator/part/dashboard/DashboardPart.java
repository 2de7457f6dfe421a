package io.modelaudit.operator.part.dashboard;

import io.modelaudit.operator.api.v1alpha1.DashboardStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.DashboardConfig;
import io.modelaudit.operator.cloudwatch.MetricFilterConfig;
import io.modelaudit.operator.cloudwatch.ObservedAlarm;
import io.modelaudit.operator.cloudwatch.ObservedCompositeAlarm;
import io.modelaudit.operator.cloudwatch.ObservedDashboard;
import io.modelaudit.operator.part.Blocker;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Names;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Ownership;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.TagDiff;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.composite.CompositePart;
import io.modelaudit.operator.part.composite.DesiredHealthAlarm;
import io.modelaudit.operator.part.dashboard.DashboardChanges.DeleteDashboard;
import io.modelaudit.operator.part.dashboard.DashboardChanges.PutDashboard;
import io.modelaudit.operator.part.dashboard.DashboardChanges.TagDashboard;
import io.modelaudit.operator.part.dashboard.DashboardChanges.UntagDashboard;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.profiles.PresetExpansion;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.EventReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model's dashboard (spec.dashboard, or spec.presets): generated from the spec, kept in sync
 * and deleted with the ModelAudit. Dashboards are global to the account; the name is deterministic
 * and under the operator's prefix. Dashboards carry tags (PutDashboard takes them on create), so
 * the ownership rules are those of the alarms, except that a dashboard nobody owns is never
 * adopted: its whole body would be replaced. The part comes last: its graphs refer to the alarms by
 * ARN.
 */
public final class DashboardPart
    implements Part<Optional<DesiredDashboard>, DashboardPart.Observed> {

  public static final DashboardPart PART = new DashboardPart();

  /**
   * The dashboards AWS holds that are desired or were managed before.
   *
   * @param tags tags of each by name; empty when the read took no tags
   * @param managed the name status says the operator put; null when none
   * @param arns the ARN of every alarm and health alarm of this ModelAudit that exists, by name
   */
  public record Observed(
      Map<String, ObservedDashboard> dashboards,
      Map<String, Map<String, String>> tags,
      String managed,
      boolean tagsRead,
      Map<String, String> arns) {
    public Observed {
      dashboards = Map.copyOf(dashboards);
      tags = Map.copyOf(tags);
      arns = Map.copyOf(arns);
    }

    Map<String, String> tagsOf(String name) {
      return tags.getOrDefault(name, Map.of());
    }
  }

  private DashboardPart() {}

  @Override
  public String name() {
    return "dashboard";
  }

  @Override
  public Optional<DesiredDashboard> desired(DesiredInput input) {
    ModelAuditSpec spec = input.spec();
    if (!PresetExpansion.dashboardEnabled(spec)) {
      return Optional.empty();
    }
    DesiredState soFar = input.soFar();
    List<DesiredDashboard.MetricWidget> metrics = new ArrayList<>();
    Set<List<String>> seen = new LinkedHashSet<>();
    for (MetricFilterConfig filter : soFar.of(MetricFiltersPart.PART)) {
      if (seen.add(List.of(filter.metricNamespace(), filter.metricName()))) {
        metrics.add(
            new DesiredDashboard.MetricWidget(
                filter.metricName(),
                filter.metricNamespace(),
                filter.metricName(),
                isCount(filter) ? "Sum" : "Average"));
      }
    }
    List<DesiredDashboard.AlarmWidget> alarms = new ArrayList<>();
    for (DesiredAlarm alarm : soFar.of(AlarmsPart.PART)) {
      alarms.add(new DesiredDashboard.AlarmWidget(alarm.specName(), alarm.alarmName()));
    }
    String owner = input.namespace() + "/" + input.name();
    String title =
        spec.getModel() != null && spec.getModel().getName() != null
            ? spec.getModel().getName()
                + (spec.getModel().getVersion() == null ? "" : " " + spec.getModel().getVersion())
            : owner;
    return Optional.of(
        new DesiredDashboard(
            Names.dashboardName(input.config().alarmNamePrefix(), input.namespace(), input.name()),
            soFar.region(),
            title,
            owner,
            soFar.logGroupName(),
            metrics,
            alarms,
            soFar.of(CompositePart.PART).map(DesiredHealthAlarm::alarmName).orElse(null)));
  }

  /** A filter that publishes 1 per event counts (Sum); one that publishes a field measures. */
  private static boolean isCount(MetricFilterConfig filter) {
    return filter.metricValue() != null && filter.metricValue().matches("[0-9.]+");
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    return desired.of(PART).map(d -> "a dashboard");
  }

  @Override
  public Observed observe(ReadContext read) {
    CloudWatchGateway gateway = read.gateway();
    DesiredState desired = read.desired();
    String managed =
        read.status() == null || read.status().getDashboard() == null
            ? null
            : read.status().getDashboard().getName();
    Set<String> names = new LinkedHashSet<>();
    desired.of(PART).ifPresent(d -> names.add(d.name()));
    if (managed != null) {
      names.add(managed);
    }
    Map<String, ObservedDashboard> dashboards = new LinkedHashMap<>();
    Map<String, Map<String, String>> tags = new HashMap<>();
    for (String name : names) {
      gateway.getDashboard(name).ifPresent(d -> dashboards.put(d.name(), d));
    }
    if (read.mode().withTags()) {
      for (ObservedDashboard dashboard : dashboards.values()) {
        tags.put(dashboard.name(), gateway.listDashboardTags(dashboard.arn()));
      }
    }
    Map<String, String> arns = new HashMap<>();
    for (ObservedAlarm alarm : read.soFar().of(AlarmsPart.PART).alarms().values()) {
      arns.put(alarm.alarmName(), alarm.arn());
    }
    for (ObservedCompositeAlarm alarm : read.soFar().of(CompositePart.PART).alarms().values()) {
      arns.put(alarm.alarmName(), alarm.arn());
    }
    return new Observed(dashboards, tags, managed, read.mode().withTags(), arns);
  }

  @Override
  public void blockers(DesiredState desired, Observation observed, List<Blocker> out) {
    Observed has = observed.of(PART);
    desired
        .of(PART)
        .filter(d -> has.dashboards().containsKey(d.name()))
        .ifPresent(
            d -> {
              String what = "dashboard " + d.name();
              Map<String, String> tags = has.tagsOf(d.name());
              if (Ownership.claim(desired, tags) == Ownership.Claim.NOBODY) {
                out.add(
                    new Blocker(
                        ConditionReason.AlreadyExists,
                        what
                            + " already exists and is not managed by any ModelAudit; a dashboard"
                            + " is never adopted (its whole body would be replaced): delete or"
                            + " rename it"));
                return;
              }
              Optional<Blocker> ownership = Ownership.blocker(desired, what, tags);
              if (ownership.isPresent()) {
                out.add(ownership.get());
              } else {
                LogGroupPart.tooManyTags(
                        what, tags, toTag(desired, tags), toUntag(desired, tags), "tag")
                    .ifPresent(out::add);
              }
            });
  }

  /**
   * A dashboard kept from an earlier ModelAudit of the same name (adoptExisting): its tags are
   * claimed first. It was generated by the operator, so it stays a created one and goes with this
   * ModelAudit.
   */
  @Override
  public void claims(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    desired
        .of(PART)
        .ifPresent(
            d -> {
              ObservedDashboard existing = has.dashboards().get(d.name());
              Map<String, String> tags = has.tagsOf(d.name());
              if (existing != null
                  && Ownership.claim(desired, tags) == Ownership.Claim.EARLIER_INCARNATION
                  && desired.adoptExisting()) {
                out.add(
                    new TagDashboard(
                        d.name(), existing.arn(), Ownership.claimTags(desired, Tags.CREATED)));
              }
            });
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    Optional<DesiredDashboard> want = desired.of(PART);
    if (want.isEmpty()) {
      return;
    }
    DesiredDashboard dashboard = want.get();
    String body = DashboardBody.render(dashboard, has.arns());
    ObservedDashboard existing = has.dashboards().get(dashboard.name());
    if (existing == null) {
      out.add(
          new PutDashboard(
              new DashboardConfig(dashboard.name(), body),
              Ownership.withOrigin(desired.tags(), Tags.CREATED),
              false));
      return;
    }
    Map<String, String> tags = has.tagsOf(dashboard.name());
    if (has.tagsRead() && !Ownership.isOwn(desired, tags)) {
      return;
    }
    if (!DashboardBody.same(body, existing.body())) {
      out.add(new PutDashboard(new DashboardConfig(dashboard.name(), body), Map.of(), true));
    }
    Map<String, String> toTag = toTag(desired, tags);
    Set<String> toUntag = toUntag(desired, tags);
    Change tag = toTag.isEmpty() ? null : new TagDashboard(dashboard.name(), existing.arn(), toTag);
    Change untag =
        toUntag.isEmpty() ? null : new UntagDashboard(dashboard.name(), existing.arn(), toUntag);
    boolean untagFirst = TagDiff.untagFirst(tags, toTag);
    for (Change change : untagFirst ? new Change[] {untag, tag} : new Change[] {tag, untag}) {
      if (change != null) {
        out.add(change);
      }
    }
  }

  /** A graph of an alarm that does not exist yet waits for the reconcile that made it. */
  @Override
  public boolean awaitsEarlierParts(DesiredState desired, Observation observed) {
    Optional<DesiredDashboard> want = desired.of(PART);
    if (want.isEmpty()) {
      return false;
    }
    Map<String, String> arns = observed.of(PART).arns();
    return (want.get().health() != null && !arns.containsKey(want.get().health()))
        || want.get().alarms().stream().anyMatch(a -> !arns.containsKey(a.alarmName()));
  }

  /** A dashboard the spec dropped: deleted, since the operator made it. */
  @Override
  public void prune(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    String wanted = desired.of(PART).map(DesiredDashboard::name).orElse(null);
    for (String name : new TreeSet<>(has.dashboards().keySet())) {
      if (!name.equals(wanted) && Ownership.isOwn(desired, has.tagsOf(name))) {
        out.add(new DeleteDashboard(name));
      }
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    Observed has = observed.of(PART);
    for (String name : new TreeSet<>(has.dashboards().keySet())) {
      Map<String, String> tags = has.tagsOf(name);
      if (!Ownership.isOwn(desired, tags)) {
        continue;
      }
      if (Tags.isAdopted(tags)) {
        out.keep(
            new Cleanup.Kept(
                false, EventReason.Kept, "dashboard " + name + " was adopted and is kept"));
      } else {
        out.write(new DeleteDashboard(name));
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
    String name = desired.of(PART).map(DesiredDashboard::name).orElse(has.managed());
    ObservedDashboard dashboard = name == null ? null : has.dashboards().get(name);
    next.setDashboard(
        dashboard == null
            ? null
            : new DashboardStatus(
                dashboard.name(), dashboard.arn(), consoleUrl(desired.region(), dashboard.name())));
  }

  /** The dashboard in the CloudWatch console of the region's partition. */
  static String consoleUrl(String region, String name) {
    String host;
    if (region.startsWith("cn-")) {
      host = region + ".console.amazonaws.cn";
    } else if (region.startsWith("us-gov-")) {
      host = "console.amazonaws-us-gov.com";
    } else {
      host = region + ".console.aws.amazon.com";
    }
    return "https://"
        + host
        + "/cloudwatch/home?region="
        + region
        + "#dashboards/dashboard/"
        + name;
  }

  private static Map<String, String> toTag(DesiredState desired, Map<String, String> tags) {
    String origin = Tags.isAdopted(tags) ? Tags.ADOPTED : Tags.CREATED;
    return TagDiff.missing(Ownership.withOrigin(desired.tags(), origin), tags);
  }

  private static Set<String> toUntag(DesiredState desired, Map<String, String> tags) {
    return TagDiff.extra(desired.tags(), tags);
  }
}
