package io.modelaudit.operator.part;

import io.modelaudit.operator.status.ConditionReason;
import java.util.Optional;

/**
 * The fields that cannot change once AWS resources exist for them - spec.region, spec.logGroup.name
 * and spec.logGroup.class - checked in this one place. The CRD's transition rules refuse such edits
 * at admission; these checks hold where admission did not run.
 */
public final class ImmutableFields {

  private ImmutableFields() {}

  /**
   * Region and log group name against where the resources were made (see {@link Home}: status or,
   * when status was lost, the annotations written before the first AWS write); checked before
   * anything is read, so that the operator never looks for (or creates) them in the wrong place.
   */
  public static Optional<Blocker> againstHome(DesiredState desired, Optional<Home> home) {
    if (home.isEmpty()) {
      return Optional.empty();
    }
    Optional<Blocker> account = accountAgainstHome(desired.identity(), home);
    if (account.isPresent()) {
      return account;
    }
    if (!home.get().region().equals(desired.region())) {
      return Optional.of(
          changed(
              "spec.region",
              "the resources live in " + home.get().region(),
              desired.region(),
              "a new ModelAudit for the new region"));
    }
    String group = home.get().logGroupName();
    if (group != null && !group.equals(desired.logGroupName())) {
      return Optional.of(
          changed(
              "spec.logGroup.name",
              "the log group is " + group,
              desired.logGroupName(),
              "a new ModelAudit for the new log group"));
    }
    return Optional.empty();
  }

  /**
   * The account the namespace is mapped to now against the one the resources were made in; checked
   * before the spec, whose policy depends on the account.
   */
  public static Optional<Blocker> accountAgainstHome(
      io.modelaudit.operator.cloudwatch.AwsIdentity identity, Optional<Home> home) {
    if (home.isEmpty()) {
      return Optional.empty();
    }
    String homeAccount = home.get().account();
    String account = identity.account().orElse(null);
    if (java.util.Objects.equals(homeAccount, account)) {
      return Optional.empty();
    }
    return Optional.of(
        new Blocker(
            ConditionReason.ImmutableFieldChanged,
            "the AWS account is immutable: this ModelAudit's resources live in "
                + accountName(homeAccount)
                + " but its namespace is now mapped to "
                + accountName(account)
                + " (ModelAuditAccount). The cluster administrator must restore the namespace's"
                + " mapping; to move, delete this ModelAudit (with the old mapping in place) and"
                + " create it again."));
  }

  /** The log group's class against the class of the group that exists. */
  public static Optional<Blocker> logGroupClass(
      String logGroupName, String wantClass, String hasClass) {
    if (hasClass == null || hasClass.equals(wantClass)) {
      return Optional.empty();
    }
    return Optional.of(
        new Blocker(
            ConditionReason.ImmutableFieldChanged,
            "spec.logGroup.class is "
                + wantClass
                + " but log group "
                + logGroupName
                + " exists with class "
                + hasClass
                + "; a log group's class cannot change: restore the class or use"
                + " a new log group name"));
  }

  /** "account 111122223333" or "the operator's own account". */
  public static String accountName(String account) {
    return account == null ? "the operator's own account" : "account " + account;
  }

  private static Blocker changed(String field, String where, String now, String instead) {
    return new Blocker(
        ConditionReason.ImmutableFieldChanged,
        field
            + ": is immutable; "
            + where
            + " but the spec now says "
            + now
            + ". Restore it, or create "
            + instead
            + ".");
  }
}
