package io.modelaudit.operator.part.composite;

import io.modelaudit.operator.api.v1alpha1.ActionsSuppressorSpec;
import io.modelaudit.operator.api.v1alpha1.AlarmActionsSpec;
import io.modelaudit.operator.api.v1alpha1.HealthAlarmSpec;
import io.modelaudit.operator.api.v1alpha1.HealthAlarmStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditSpec;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.api.v1alpha1.SpecRules;
import io.modelaudit.operator.cloudwatch.CloudWatchGateway;
import io.modelaudit.operator.cloudwatch.CompositeAlarmConfig;
import io.modelaudit.operator.cloudwatch.ObservedCompositeAlarm;
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
import io.modelaudit.operator.part.alarms.AlarmChanges.TagAlarm;
import io.modelaudit.operator.part.alarms.AlarmChanges.UntagAlarm;
import io.modelaudit.operator.part.alarms.AlarmTags;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.alarms.DesiredAlarm;
import io.modelaudit.operator.part.composite.CompositeChanges.DeleteCompositeAlarm;
import io.modelaudit.operator.part.composite.CompositeChanges.PutCompositeAlarm;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.profiles.HealthRule;
import io.modelaudit.operator.status.EventReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The health alarm (spec.healthAlarm): one composite alarm over the model's alarms, in ALARM when
 * any of them is. Its state is the ModelAudit's headline state. It follows the ownership rules of
 * the metric alarms (tags, adoption, deletion of what the operator made); it comes after them, so
 * the alarms it watches exist before it is put, and those it stops watching are pruned after it.
 */
public final class CompositePart
    implements Part<Optional<DesiredHealthAlarm>, CompositePart.Observed> {

  public static final CompositePart PART = new CompositePart();

  /**
   * The composite alarms AWS holds that are desired, were managed before, or (on a full read) carry
   * this ModelAudit's name prefix.
   *
   * @param tags tags of each by alarm name; empty when the read took no tags
   * @param managed the alarm name status says the operator put; null when none
   */
  public record Observed(
      Map<String, ObservedCompositeAlarm> alarms,
      Map<String, Map<String, String>> tags,
      String managed,
      boolean tagsRead) {
    public Observed {
      alarms = Map.copyOf(alarms);
      tags = Map.copyOf(tags);
    }

    Map<String, String> tagsOf(String alarmName) {
      return tags.getOrDefault(alarmName, Map.of());
    }
  }

  private CompositePart() {}

  @Override
  public String name() {
    return "health alarm";
  }

  @Override
  public Optional<DesiredHealthAlarm> desired(DesiredInput input) {
    ModelAuditSpec spec = input.spec();
    HealthAlarmSpec health = spec.getHealthAlarm();
    if (health == null) {
      return Optional.empty();
    }
    Map<String, String> awsNames = new LinkedHashMap<>();
    for (DesiredAlarm alarm : input.soFar().of(AlarmsPart.PART)) {
      awsNames.put(alarm.specName(), alarm.alarmName());
    }
    ActionsSuppressorSpec suppress = health.getActionsSuppressor();
    String suppressor = null;
    if (suppress != null) {
      suppressor = awsNames.getOrDefault(suppress.getAlarm(), suppress.getAlarm());
    }
    List<String> watched = new ArrayList<>();
    if (health.getAlarms() != null) {
      watched.addAll(health.getAlarms());
    } else {
      for (String name : awsNames.keySet()) {
        if (suppress == null || !name.equals(suppress.getAlarm())) {
          watched.add(name);
        }
      }
    }
    String topic =
        spec.getNotifications() == null ? null : spec.getNotifications().getSnsTopicArn();
    AlarmActionsSpec actions = health.getActions();
    CompositeAlarmConfig config =
        new CompositeAlarmConfig(
            Names.healthAlarmName(
                input.config().alarmNamePrefix(), input.namespace(), input.name()),
            health.getDescription(),
            HealthRule.anyInAlarm(watched.stream().map(awsNames::get).toList()),
            health.getActionsEnabled() == null || health.getActionsEnabled(),
            actionList(actions == null ? null : actions.getAlarm(), topic),
            actionList(actions == null ? null : actions.getOk(), topic),
            actionList(actions == null ? null : actions.getInsufficientData(), null),
            suppressor,
            suppress == null ? null : orDefault(suppress.getWaitPeriod()),
            suppress == null ? null : orDefault(suppress.getExtensionPeriod()));
    return Optional.of(new DesiredHealthAlarm(config, watched));
  }

  private static int orDefault(Integer period) {
    return period == null ? SpecRules.SUPPRESSOR_PERIOD_DEFAULT_SECONDS : period;
  }

  private static List<String> actionList(List<String> given, String defaultTopic) {
    if (given != null) {
      return given;
    }
    return defaultTopic == null ? List.of() : List.of(defaultTopic);
  }

  @Override
  public Optional<String> summary(DesiredState desired) {
    return desired.of(PART).map(h -> "a health alarm over " + h.alarms().size() + " alarm(s)");
  }

  @Override
  public Observed observe(ReadContext read) {
    CloudWatchGateway gateway = read.gateway();
    DesiredState desired = read.desired();
    String managed = managed(read.status());
    Set<String> names = new LinkedHashSet<>();
    desired.of(PART).ifPresent(h -> names.add(h.alarmName()));
    if (managed != null) {
      names.add(managed);
    }
    Map<String, ObservedCompositeAlarm> alarms = new HashMap<>();
    if (!names.isEmpty()) {
      gateway.describeCompositeAlarms(names).forEach(a -> alarms.put(a.alarmName(), a));
    }
    Map<String, Map<String, String>> tags = new HashMap<>();
    // The health alarm's name is fixed by namespace and name, so asking for it by name finds one
    // made just before a crash too, while the spec asks for it; a ModelAudit that neither asks
    // for a health alarm nor records one makes no call for it.
    if (read.mode().withTags()) {
      for (ObservedCompositeAlarm alarm : alarms.values()) {
        tags.put(alarm.alarmName(), gateway.listAlarmTags(alarm.arn()));
      }
    }
    return new Observed(alarms, tags, managed, read.mode().withTags());
  }

  @Override
  public void blockers(DesiredState desired, Observation observed, List<Blocker> out) {
    Observed has = observed.of(PART);
    desired
        .of(PART)
        .filter(h -> has.alarms().containsKey(h.alarmName()))
        .ifPresent(
            h -> {
              String what = "health alarm " + h.alarmName();
              Map<String, String> tags = has.tagsOf(h.alarmName());
              Optional<Blocker> ownership = Ownership.blocker(desired, what, tags);
              if (ownership.isPresent()) {
                out.add(ownership.get());
              } else if (Ownership.mayAdopt(desired, tags)) {
                LogGroupPart.tooManyTags(
                        what, tags, Ownership.claimTags(desired, Tags.ADOPTED), Set.of(), "claim")
                    .ifPresent(out::add);
              } else {
                LogGroupPart.tooManyTags(
                        what,
                        tags,
                        AlarmTags.toTag(desired, tags),
                        AlarmTags.toUntag(desired, tags),
                        "tag")
                    .ifPresent(out::add);
              }
            });
  }

  @Override
  public void claims(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    desired
        .of(PART)
        .ifPresent(
            h -> {
              ObservedCompositeAlarm existing = has.alarms().get(h.alarmName());
              if (existing != null && Ownership.mayAdopt(desired, has.tagsOf(h.alarmName()))) {
                out.add(
                    new TagAlarm(
                        h.alarmName(), existing.arn(), Ownership.claimTags(desired, Tags.ADOPTED)));
              }
            });
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    Optional<DesiredHealthAlarm> want = desired.of(PART);
    if (want.isEmpty()) {
      return;
    }
    DesiredHealthAlarm health = want.get();
    ObservedCompositeAlarm existing = has.alarms().get(health.alarmName());
    if (existing == null) {
      out.add(
          new PutCompositeAlarm(
              health.config(), Ownership.withOrigin(desired.tags(), Tags.CREATED), false));
      return;
    }
    Map<String, String> tags = has.tagsOf(health.alarmName());
    if (!Ownership.isOwn(desired, tags)) {
      return;
    }
    if (!same(health.config(), existing.config())) {
      out.add(new PutCompositeAlarm(health.config(), desired.tags(), true));
    }
    Map<String, String> toTag = AlarmTags.toTag(desired, tags);
    Set<String> toUntag = AlarmTags.toUntag(desired, tags);
    Change tag = toTag.isEmpty() ? null : new TagAlarm(health.alarmName(), existing.arn(), toTag);
    Change untag =
        toUntag.isEmpty() ? null : new UntagAlarm(health.alarmName(), existing.arn(), toUntag);
    boolean untagFirst = TagDiff.untagFirst(tags, toTag);
    for (Change change : untagFirst ? new Change[] {untag, tag} : new Change[] {tag, untag}) {
      if (change != null) {
        out.add(change);
      }
    }
  }

  /** A health alarm the spec dropped: deleted when made by the operator, else given back. */
  @Override
  public void prune(DesiredState desired, Observation observed, List<Change> out) {
    Observed has = observed.of(PART);
    String wanted = desired.of(PART).map(DesiredHealthAlarm::alarmName).orElse(null);
    for (String name : new TreeSet<>(has.alarms().keySet())) {
      Map<String, String> tags = has.tagsOf(name);
      if (name.equals(wanted) || !Ownership.isOwn(desired, tags)) {
        continue;
      }
      if (AlarmTags.isAdopted(desired, tags)) {
        AlarmTags.release(name, has.alarms().get(name).arn(), tags).ifPresent(out::add);
      } else {
        out.add(new DeleteCompositeAlarm(name));
      }
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    Observed has = observed.of(PART);
    for (String name : new TreeSet<>(has.alarms().keySet())) {
      Map<String, String> tags = has.tagsOf(name);
      if (!Ownership.isOwn(desired, tags)) {
        continue;
      }
      if (AlarmTags.isAdopted(desired, tags)) {
        out.keep(
            new Cleanup.Kept(
                false,
                EventReason.Kept,
                "health alarm "
                    + name
                    + " was adopted (it existed before this ModelAudit) and is kept"));
        AlarmTags.release(name, has.alarms().get(name).arn(), tags).ifPresent(out::write);
      } else {
        // before the alarms it watches: cleanup walks the parts backwards
        out.write(new DeleteCompositeAlarm(name));
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
    HealthAlarmStatus status = null;
    Optional<DesiredHealthAlarm> want = desired.of(PART);
    if (want.isPresent() && has.alarms().containsKey(want.get().alarmName())) {
      status = healthStatus(has.alarms().get(want.get().alarmName()), want.get().alarms());
    } else if (has.managed() != null && has.alarms().containsKey(has.managed())) {
      // dropped from the spec, not pruned yet (or adopted and kept): shown until it goes
      Map<String, String> tags = has.tagsOf(has.managed());
      boolean untracked =
          has.tagsRead() && (!Ownership.isOwn(desired, tags) || AlarmTags.isAdopted(desired, tags));
      if (!untracked) {
        List<String> watched =
            previous == null || previous.getHealthAlarm() == null
                ? List.of()
                : previous.getHealthAlarm().getAlarms();
        status = healthStatus(has.alarms().get(has.managed()), watched);
      }
    }
    next.setHealthAlarm(status);
  }

  private static HealthAlarmStatus healthStatus(
      ObservedCompositeAlarm alarm, List<String> watched) {
    return new HealthAlarmStatus(
        alarm.alarmName(),
        alarm.arn(),
        watched == null || watched.isEmpty() ? null : List.copyOf(watched),
        alarm.state(),
        alarm.stateReason(),
        alarm.stateUpdatedAt() == null ? null : alarm.stateUpdatedAt().toString());
  }

  @Override
  public void drift(
      DesiredState desired, ModelAuditStatus status, Listings listings, List<String> out) {
    if (listings.alarms().isEmpty()) {
      return;
    }
    AlarmSnapshot snapshot = listings.alarms().get();
    Optional<DesiredHealthAlarm> want = desired.of(PART);
    if (want.isPresent()) {
      Optional<ObservedCompositeAlarm> has = snapshot.composite(want.get().alarmName());
      if (has.isEmpty()) {
        out.add("health alarm " + want.get().alarmName() + " is missing");
      } else if (!same(want.get().config(), has.get().config())) {
        out.add("health alarm " + want.get().alarmName() + " differs from the spec");
      }
    }
    String managed = managed(status);
    if (managed != null
        && want.map(h -> !h.alarmName().equals(managed)).orElse(true)
        && snapshot.composite(managed).isPresent()) {
      out.add("health alarm " + managed + " is no longer in the spec but still exists");
    }
  }

  /** The health alarm's state, reason and time from the listing, when they moved. */
  @Override
  public Optional<Consumer<ModelAuditStatus>> refreshed(
      ModelAuditStatus status, Listings listings) {
    if (status == null || status.getHealthAlarm() == null || listings.alarms().isEmpty()) {
      return Optional.empty();
    }
    HealthAlarmStatus current = status.getHealthAlarm();
    Optional<ObservedCompositeAlarm> has =
        current.getAlarmName() == null
            ? Optional.empty()
            : listings.alarms().get().composite(current.getAlarmName());
    if (has.isEmpty()) {
      return Optional.empty();
    }
    HealthAlarmStatus next = healthStatus(has.get(), current.getAlarms());
    return next.equals(current)
        ? Optional.empty()
        : Optional.of(updated -> updated.setHealthAlarm(next));
  }

  /**
   * The health alarm's entry with the state {@code latest} knows (one AWS pushed) when that is
   * newer than the entry's; empty otherwise. Status never goes back to an older state.
   */
  public static Optional<HealthAlarmStatus> withNewerState(
      HealthAlarmStatus current, Function<String, Optional<AlarmState>> latest) {
    if (current == null || current.getAlarmName() == null) {
      return Optional.empty();
    }
    return latest
        .apply(current.getAlarmName())
        .filter(
            s ->
                current.getState() == null
                    || s.isNewerThan(AlarmState.timeOf(current.getStateUpdatedAt())))
        .map(
            s ->
                new HealthAlarmStatus(
                    current.getAlarmName(),
                    current.getArn(),
                    current.getAlarms(),
                    s.value(),
                    s.reason(),
                    s.updatedAt().toString()))
        .filter(next -> !next.equals(current));
  }

  /** Field-by-field comparison, with AWS's defaults made explicit and action order ignored. */
  public static boolean same(CompositeAlarmConfig a, CompositeAlarmConfig b) {
    return Objects.equals(a.alarmName(), b.alarmName())
        && Objects.equals(blankToEmpty(a.description()), blankToEmpty(b.description()))
        && Objects.equals(a.rule(), b.rule())
        && a.actionsEnabled() == b.actionsEnabled()
        && new TreeSet<>(a.alarmActions()).equals(new TreeSet<>(b.alarmActions()))
        && new TreeSet<>(a.okActions()).equals(new TreeSet<>(b.okActions()))
        && new TreeSet<>(a.insufficientDataActions())
            .equals(new TreeSet<>(b.insufficientDataActions()))
        && Objects.equals(alarmName(a.actionsSuppressor()), alarmName(b.actionsSuppressor()))
        && Objects.equals(
            a.actionsSuppressor() == null ? null : a.suppressorWaitPeriod(),
            b.actionsSuppressor() == null ? null : b.suppressorWaitPeriod())
        && Objects.equals(
            a.actionsSuppressor() == null ? null : a.suppressorExtensionPeriod(),
            b.actionsSuppressor() == null ? null : b.suppressorExtensionPeriod());
  }

  /** The alarm name of a reference: the name itself, or the last part of an alarm ARN. */
  private static String alarmName(String reference) {
    if (reference == null) {
      return null;
    }
    int at = reference.indexOf(":alarm:");
    return reference.startsWith("arn:") && at >= 0
        ? reference.substring(at + ":alarm:".length())
        : reference;
  }

  /** The health alarm's names in AWS the ModelAudit wants or status tracks (none, one or two). */
  public static Set<String> alarmNames(DesiredState desired, ModelAuditStatus status) {
    Set<String> names = new LinkedHashSet<>();
    desired.of(PART).ifPresent(h -> names.add(h.alarmName()));
    String managed = managed(status);
    if (managed != null) {
      names.add(managed);
    }
    return names;
  }

  private static String managed(ModelAuditStatus status) {
    return status == null || status.getHealthAlarm() == null
        ? null
        : status.getHealthAlarm().getAlarmName();
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }
}
