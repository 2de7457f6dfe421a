package io.modelaudit.operator.part.loggroup;

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
import io.modelaudit.operator.part.loggroup.LogGroupChanges.AssociateKmsKey;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.CreateLogGroup;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.DeleteLogGroup;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.DeleteRetention;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.DisassociateKmsKey;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.PutDeletionProtection;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.PutRetention;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.TagLogGroup;
import io.modelaudit.operator.part.loggroup.LogGroupChanges.UntagLogGroup;
import io.modelaudit.operator.status.EventReason;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The log group every other log part lives in: its retention, KMS key, class, deletion protection
 * and tags. It is created first and, under deletionPolicy Delete, deleted last.
 */
public final class LogGroupPart implements Part<LogGroupConfig, ObservedGroup> {

  public static final LogGroupPart PART = new LogGroupPart();

  private LogGroupPart() {}

  @Override
  public String name() {
    return "log group";
  }

  @Override
  public LogGroupConfig desired(DesiredInput input) {
    LogGroupSpec group =
        input.spec().getLogGroup() == null ? new LogGroupSpec() : input.spec().getLogGroup();
    return new LogGroupConfig(
        input.soFar().logGroupName(),
        group.getRetentionInDays(),
        group.getKmsKeyArn(),
        group.getLogGroupClass() != null ? group.getLogGroupClass() : LogGroupClass.STANDARD.name(),
        Boolean.TRUE.equals(group.getDeletionProtection()));
  }

  @Override
  public ObservedGroup observe(ReadContext read) {
    Optional<ObservedLogGroup> group =
        read.gateway().describeLogGroup(read.desired().logGroupName());
    if (group.isEmpty()) {
      return ObservedGroup.MISSING;
    }
    Map<String, String> tags =
        read.mode().withTags() ? read.gateway().listLogGroupTags(group.get().arn()) : Map.of();
    return new ObservedGroup(group, tags);
  }

  /** Whether the log group exists. */
  public static boolean exists(Observation observed) {
    return observed.of(PART).exists();
  }

  /** Whether the log group exists and its tags say it is this ModelAudit's. */
  public static boolean isOwned(DesiredState desired, Observation observed) {
    ObservedGroup group = observed.of(PART);
    return group.exists() && Ownership.isOwn(desired, group.tags());
  }

  /** Whether cleanup deletes the log group (and with it every stream and event in it). */
  public static boolean deletedAtCleanup(DesiredState desired, Observation observed) {
    return desired.deletionPolicy() == DeletionPolicy.Delete
        && isOwned(desired, observed)
        && !observed.of(PART).group().orElseThrow().config().deletionProtection();
  }

  @Override
  public void blockers(DesiredState desired, Observation observed, List<Blocker> out) {
    ObservedGroup has = observed.of(PART);
    if (!has.exists()) {
      return;
    }
    ObservedLogGroup group = has.group().get();
    Ownership.blocker(desired, "log group " + group.name(), has.tags()).ifPresent(out::add);
    ImmutableFields.logGroupClass(
            group.name(), desired.of(PART).logGroupClass(), group.config().logGroupClass())
        .ifPresent(out::add);
  }

  @Override
  public void converge(DesiredState desired, Observation observed, List<Change> out) {
    LogGroupConfig want = desired.of(PART);
    ObservedGroup observedGroup = observed.of(PART);
    if (!observedGroup.exists()) {
      out.add(new CreateLogGroup(want, desired.tags()));
      if (want.retentionInDays() != null) {
        out.add(new PutRetention(want.name(), want.retentionInDays(), null));
      }
      return;
    }
    ObservedLogGroup group = observedGroup.group().get();
    LogGroupConfig has = group.config();
    if (!Objects.equals(want.retentionInDays(), has.retentionInDays())) {
      out.add(
          want.retentionInDays() == null
              ? new DeleteRetention(want.name(), has.retentionInDays())
              : new PutRetention(want.name(), want.retentionInDays(), has.retentionInDays()));
    }
    if (!Objects.equals(want.kmsKeyArn(), has.kmsKeyArn())) {
      out.add(
          want.kmsKeyArn() == null
              ? new DisassociateKmsKey(want.name())
              : new AssociateKmsKey(want.name(), want.kmsKeyArn()));
    }
    if (want.deletionProtection() != has.deletionProtection()) {
      out.add(new PutDeletionProtection(want.name(), want.deletionProtection()));
    }
    Map<String, String> toTag = TagDiff.missing(desired.tags(), observedGroup.tags());
    if (!toTag.isEmpty()) {
      out.add(new TagLogGroup(want.name(), group.arn(), toTag));
    }
    Set<String> toUntag = TagDiff.extra(desired.tags(), observedGroup.tags());
    if (!toUntag.isEmpty()) {
      out.add(new UntagLogGroup(want.name(), group.arn(), toUntag));
    }
  }

  @Override
  public void cleanup(DesiredState desired, Observation observed, Cleanup out) {
    if (deletedAtCleanup(desired, observed)) {
      out.delete(new DeleteLogGroup(desired.logGroupName()));
    } else if (desired.deletionPolicy() == DeletionPolicy.Delete && isOwned(desired, observed)) {
      out.keep(
          new Cleanup.Kept(
              true,
              EventReason.DeletionProtected,
              "log group "
                  + desired.logGroupName()
                  + " has deletion protection on and was kept; turn it off in AWS to delete it"));
    }
  }

  @Override
  public void status(
      DesiredState desired,
      Observation observed,
      ModelAuditStatus previous,
      ModelAuditStatus next) {
    next.setLogGroup(
        observed
            .of(PART)
            .group()
            .map(g -> new LogGroupStatus(g.name(), g.arn(), g.config().retentionInDays()))
            .orElse(null));
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
    LogGroupConfig want = desired.of(PART);
    LogGroupConfig has = group.get().config();
    if (!Objects.equals(want.retentionInDays(), has.retentionInDays())) {
      out.add(
          "retention of "
              + name
              + " is "
              + days(has.retentionInDays())
              + ", the spec says "
              + days(want.retentionInDays()));
    }
    if (!Objects.equals(want.kmsKeyArn(), has.kmsKeyArn())) {
      out.add("KMS key of " + name + " differs from the spec");
    }
    if (want.deletionProtection() != has.deletionProtection()) {
      out.add(
          "deletion protection of "
              + name
              + " is "
              + (has.deletionProtection() ? "on" : "off")
              + ", the spec says "
              + (want.deletionProtection() ? "on" : "off"));
    }
  }

  private static String days(Integer retention) {
    return retention == null ? "never expire" : retention + " days";
  }
}
