package io.modelaudit.operator.part.loggroup;

import io.modelaudit.operator.api.v1alpha1.AdoptionStatus;
import io.modelaudit.operator.api.v1alpha1.DeletionPolicy;
import io.modelaudit.operator.api.v1alpha1.LogGroupClass;
import io.modelaudit.operator.api.v1alpha1.LogGroupSpec;
import io.modelaudit.operator.api.v1alpha1.LogGroupStatus;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.cloudwatch.LogGroupConfig;
import io.modelaudit.operator.cloudwatch.ObservedLogGroup;
import io.modelaudit.operator.part.Blocker;
import io.modelaudit.operator.part.Change;
import io.modelaudit.operator.part.Cleanup;
import io.modelaudit.operator.part.DesiredInput;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.ImmutableFields;
import io.modelaudit.operator.part.Listings;
import io.modelaudit.operator.part.LogGroupSnapshot;
import io.modelaudit.operator.part.Observation;
import io.modelaudit.operator.part.Ownership;
import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.ReadContext;
import io.modelaudit.operator.part.TagDiff;
import io.modelaudit.operator.part.Tags;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.AssociateKmsKey;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.CreateLogGroup;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.DeleteLogGroup;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.DeleteRetention;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.DisassociateKmsKey;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.PutDeletionProtection;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.PutRetention;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.TagLogGroup;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.UntagLogGroup;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.EventReason;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The log group every other log part lives in: its retention, KMS key, class, deletion protection
 * and tags. It is created first and, under deletionPolicy Delete, deleted last - unless it was
 * adopted: what the operator did not make, it never deletes, and of an adopted group it enforces
 * only the fields the spec sets.
 */
public final class LogGroupPart implements Part<DesiredLogGroup, ObservedGroup> {

  public static final LogGroupPart PART = new LogGroupPart();

  private LogGroupPart() {}

  @Override
  public String name() {
    return "log group";
  }

  @Override
  public DesiredLogGroup desired(DesiredInput input) {
    LogGroupSpec group =
        input.spec().getLogGroup() == null ? new LogGroupSpec() : input.spec().getLogGroup();
    return new DesiredLogGroup(
        new LogGroupConfig(
            input.soFar().logGroupName(),
            group.getRetentionInDays(),
            group.getKmsKeyArn(),
            group.getLogGroupClass() != null
                ? group.getLogGroupClass()
                : LogGroupClass.STANDARD.name(),
            Boolean.TRUE.equals(group.getDeletionProtection())),
        group.getDeletionProtection() != null,
        group.getLogGroupClass() != null);
  }

  @Override
  public ObservedGroup observe(ReadContext read) {
    String name = read.desired().logGroupName();
    Optional<ObservedLogGroup> group = read.gateway().describeLogGroup(name);
    if (group.isEmpty()) {
      return ObservedGroup.MISSING;
    }
    Map<String, String> tags =
        read.mode().withTags() ? read.gateway().listLogGroupTags(group.get().arn()) : Map.of();
    Optional<AdoptionStatus> record =
        Optional.ofNullable(read.status())
            .map(ModelAuditStatus::getAdoption)
            .filter(a -> name.equals(a.getLogGroup()));
    return new ObservedGroup(group, tags, read.mode().withTags(), record);
  }

  // ---- what other parts ask of the group ----

  /** Whether the log group exists. */
  public static boolean exists(Observation observed) {
    return observed.of(PART).exists();
  }

  /** Whether the log group exists with deletion protection on. */
  public static boolean isDeletionProtected(Observation observed) {
    return observed.of(PART).group().map(g -> g.config().deletionProtection()).orElse(false);
  }

  /** Whether the log group exists and its tags say it is this ModelAudit's. */
  public static boolean isOwned(DesiredState desired, Observation observed) {
    ObservedGroup group = observed.of(PART);
    return group.exists() && Ownership.isOwn(desired, group.tags());
  }

  /** Whether the log group is this ModelAudit's and was adopted, not created by the operator. */
  public static boolean isAdopted(DesiredState desired, Observation observed) {
    return isOwned(desired, observed) && observed.of(PART).adopted(desired.adoptExisting());
  }

  /**
   * What the group held when it was adopted, as status recorded it; empty when the group is not
   * adopted, or adopted but the record is not known (then everything in it counts as found).
   */
  public static Optional<AdoptionStatus> adoptionRecord(
      DesiredState desired, Observation observed) {
    return isAdopted(desired, observed) ? observed.of(PART).record() : Optional.empty();
  }

  /**
   * Whether this reconcile records what the adopted group holds: a full read sees the group adopted
   * by this ModelAudit and status has no record of it yet.
   */
  public static boolean recordsAdoption(DesiredState desired, Observation observed) {
    ObservedGroup group = observed.of(PART);
    return group.tagsRead() && isAdopted(desired, observed) && group.record().isEmpty();
  }

  /** Whether cleanup deletes the log group (and with it every stream and event in it). */
  public static boolean deletedAtCleanup(DesiredState desired, Observation observed) {
    return desired.deletionPolicy() == DeletionPolicy.Delete
        && isOwned(desired, observed)
        && !observed.of(PART).adopted(desired.adoptExisting())
        && !observed.of(PART).group().orElseThrow().config().deletionProtection();
  }

  // ---- plan ----

  @Override
  public void blockers(DesiredState desired, Observation observed, List<Blocker> out) {
    ObservedGroup has = observed.of(PART);
    if (!has.exists()) {
      return;
    }
    ObservedLogGroup group = has.group().get();
    String what = "log group " + group.name();
    Optional<Blocker> ownership = Ownership.blocker(desired, what, has.tags());
    if (ownership.isPresent()) {
      out.add(ownership.get());
      return;
    }
    DesiredLogGroup want = desired.of(PART);
    boolean adopted = has.adopted(desired.adoptExisting());
    if (!adopted || want.classSet()) {
      ImmutableFields.logGroupClass(
              group.name(), want.config().logGroupClass(), group.config().logGroupClass())
          .ifPresent(out::add);
    }
    if (Ownership.mayAdopt(desired, has.tags())) {
      tooManyTags(what, has.tags(), Ownership.claimTags(desired, Tags.ADOPTED), Set.of(), "claim")
          .ifPresent(out::add);
    } else {
      tooManyTags(what, has.tags(), toTag(desired, has), toUntag(desired, observed), "tag")
          .ifPresent(out::add);
    }
  }

  /**
   * AWS allows {@value Tags#MAX_PER_RESOURCE} tags per resource; a resource that cannot take the
   * operator's tags stalls with a message that says how many to remove, and is looked at again.
   */
  public static Optional<Blocker> tooManyTags(
      String what,
      Map<String, String> has,
      Map<String, String> add,
      Set<String> remove,
      String verb) {
    Map<String, String> missing = TagDiff.missing(add, has);
    int over = TagDiff.overLimit(has, missing, remove);
    if (over == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Blocker(
            ConditionReason.LimitExceeded,
            what
                + " has "
                + has.keySet().stream().filter(k -> !Tags.isAwsReserved(k)).count()
                + " tags and the operator must "
                + verb
                + " it with "
                + missing.keySet()
                + "; AWS allows "
                + Tags.MAX_PER_RESOURCE
                + " tags per resource: remove at least "
                + over
                + " tag(s) from it in AWS or from spec.tags"));
  }

  @Override
  public void claims(DesiredState desired, Observation observed, List<Change> out) {
    ObservedGroup has = observed.of(PART);
    if (has.exists() && Ownership.mayAdopt(desired, has.tags())) {
      ObservedLogGroup group = has.group().get();
      out.add(
          new TagLogGroup(group.name(), group.arn(), Ownership.claimTags(desired, Tags.ADOPTED)));
    }
  }

  @Override
  public Optional<String> holds(DesiredState desired, Observation observed) {
    if (recordsAdoption(desired, observed)) {
      return Optional.of(
          "recording what the adopted log group "
              + desired.logGroupName()
              + " held, which the operator will never remove");
    }
    return Optional.empty();
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    DesiredLogGroup want = desired.of(PART);
    ObservedGroup observedGroup = observed.of(PART);
    if (!observedGroup.exists()) {
      out.add(
          new CreateLogGroup(want.config(), Ownership.withOrigin(desired.tags(), Tags.CREATED)));
      if (want.retentionSet()) {
        out.add(new PutRetention(want.name(), want.config().retentionInDays(), null));
      }
      return;
    }
    ObservedLogGroup group = observedGroup.group().get();
    LogGroupConfig has = group.config();
    boolean adopted = observedGroup.adopted(desired.adoptExisting());
    if ((!adopted || want.retentionSet())
        && !Objects.equals(want.config().retentionInDays(), has.retentionInDays())) {
      out.add(
          want.retentionSet()
              ? new PutRetention(
                  want.name(), want.config().retentionInDays(), has.retentionInDays())
              : new DeleteRetention(want.name(), has.retentionInDays()));
    }
    if ((!adopted || want.kmsKeySet())
        && !Objects.equals(want.config().kmsKeyArn(), has.kmsKeyArn())) {
      out.add(
          want.kmsKeySet()
              ? new AssociateKmsKey(want.name(), want.config().kmsKeyArn())
              : new DisassociateKmsKey(want.name()));
    }
    if ((!adopted || want.deletionProtectionSet())
        && want.config().deletionProtection() != has.deletionProtection()) {
      out.add(new PutDeletionProtection(want.name(), want.config().deletionProtection()));
    }
    Map<String, String> toTag = toTag(desired, observedGroup);
    Set<String> toUntag = toUntag(desired, observed);
    Change tag = toTag.isEmpty() ? null : new TagLogGroup(want.name(), group.arn(), toTag);
    Change untag = toUntag.isEmpty() ? null : new UntagLogGroup(want.name(), group.arn(), toUntag);
    // untag first where adding first would pass AWS's limit on the way
    boolean untagFirst = TagDiff.untagFirst(observedGroup.tags(), toTag);
    for (Change change : untagFirst ? new Change[] {untag, tag} : new Change[] {tag, untag}) {
      if (change != null) {
        out.add(change);
      }
    }
  }

  /** The tags the group lacks: the desired ones, its origin, and the uid of older claims. */
  private static Map<String, String> toTag(DesiredState desired, ObservedGroup has) {
    String origin = has.adopted(desired.adoptExisting()) ? Tags.ADOPTED : Tags.CREATED;
    return TagDiff.missing(Ownership.withOrigin(desired.tags(), origin), has.tags());
  }

  /**
   * The tags the group has and should not: on a group the operator made, every tag the spec does
   * not ask for; on an adopted one, only the operator's own and those it added itself.
   */
  private static Set<String> toUntag(DesiredState desired, Observation observed) {
    ObservedGroup has = observed.of(PART);
    if (!has.adopted(desired.adoptExisting())) {
      return TagDiff.extra(desired.tags(), has.tags());
    }
    return TagDiff.extraOnAdopted(
        desired.tags(), has.tags(), has.record().map(AdoptionStatus::getTagKeys).orElse(null));
  }

  // ---- cleanup ----

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    if (!isOwned(desired, observed)) {
      return;
    }
    ObservedGroup has = observed.of(PART);
    ObservedLogGroup group = has.group().get();
    if (has.adopted(desired.adoptExisting())) {
      out.keep(
          new Cleanup.Kept(
              false,
              EventReason.Kept,
              "log group "
                  + group.name()
                  + " was adopted (it existed before this ModelAudit) and is kept with what it"
                  + " held; only what the operator made is deleted"));
      // released: the operator's tags, and those it added, go; the group is as it was found
      Set<String> release =
          TagDiff.toRelease(has.tags(), has.record().map(AdoptionStatus::getTagKeys).orElse(null));
      if (!release.isEmpty()) {
        out.write(new UntagLogGroup(group.name(), group.arn(), release));
      }
      return;
    }
    if (deletedAtCleanup(desired, observed)) {
      out.write(new DeleteLogGroup(desired.logGroupName()));
    } else if (desired.deletionPolicy() == DeletionPolicy.Delete) {
      out.keep(
          new Cleanup.Kept(
              true,
              EventReason.DeletionProtected,
              "log group "
                  + desired.logGroupName()
                  + " has deletion protection on and was kept; turn it off in AWS to delete it"));
    }
  }

  // ---- status and drift ----

  @Override
  public void status(
      DesiredState desired,
      Observation observed,
      ModelAuditStatus previous,
      ModelAuditStatus next) {
    ObservedGroup has = observed.of(PART);
    next.setLogGroup(has.group().map(LogGroupPart::groupStatus).orElse(null));
    if (recordsAdoption(desired, observed)) {
      next.setAdoption(
          new AdoptionStatus(
              desired.logGroupName(),
              has.tags().keySet().stream()
                  .filter(k -> !Tags.isAwsReserved(k) && !Tags.isOperators(k))
                  .sorted()
                  .toList()));
    } else if (has.tagsRead() && !isAdopted(desired, observed)) {
      next.setAdoption(null);
    }
  }

  private static LogGroupStatus groupStatus(ObservedLogGroup group) {
    LogGroupStatus status =
        new LogGroupStatus(group.name(), group.arn(), group.config().retentionInDays());
    status.setKmsKeyArn(group.config().kmsKeyArn());
    status.setDeletionProtection(group.config().deletionProtection());
    return status;
  }

  @Override
  public void drift(
      DesiredState desired, ModelAuditStatus status, Listings listings, List<String> out) {
    if (listings.logGroups().isEmpty()
        || !listings.logGroups().get().covers(desired.logGroupName())) {
      return;
    }
    LogGroupSnapshot snapshot = listings.logGroups().get();
    String name = desired.logGroupName();
    Optional<ObservedLogGroup> group = snapshot.group(name);
    if (group.isEmpty()) {
      out.add("log group " + name + " is missing");
      return;
    }
    DesiredLogGroup want = desired.of(PART);
    LogGroupConfig has = group.get().config();
    // of an adopted group only what the spec sets is enforced; status says whether it was adopted
    boolean adopted = status != null && status.getAdoption() != null;
    if ((!adopted || want.retentionSet())
        && !Objects.equals(want.config().retentionInDays(), has.retentionInDays())) {
      out.add(
          "retention of "
              + name
              + " is "
              + days(has.retentionInDays())
              + ", the spec says "
              + days(want.config().retentionInDays()));
    }
    if ((!adopted || want.kmsKeySet())
        && !Objects.equals(want.config().kmsKeyArn(), has.kmsKeyArn())) {
      out.add("KMS key of " + name + " differs from the spec");
    }
    if ((!adopted || want.deletionProtectionSet())
        && want.config().deletionProtection() != has.deletionProtection()) {
      out.add(
          "deletion protection of "
              + name
              + " is "
              + (has.deletionProtection() ? "on" : "off")
              + ", the spec says "
              + (want.config().deletionProtection() ? "on" : "off"));
    }
  }

  private static String days(Integer retention) {
    return retention == null ? "never expire" : retention + " days";
  }
}
