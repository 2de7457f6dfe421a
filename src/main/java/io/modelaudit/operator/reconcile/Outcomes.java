package io.modelaudit.operator.reconcile;

import io.modelaudit.operator.audit.AuditParts;
import io.modelaudit.operator.isolation.MetricIsolation.Conflict;
import io.modelaudit.operator.part.Blocker;
import io.modelaudit.operator.part.DesiredState;
import io.modelaudit.operator.part.Plan;
import io.modelaudit.operator.status.ConditionReason;
import io.modelaudit.operator.status.Outcome;
import io.modelaudit.operator.validation.Violation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The outcomes a reconcile ends with when nothing failed: ready, invalid, blocked. */
final class Outcomes {

  /** How many characters of problems a Stalled/InvalidSpec message lists. */
  static final int MAX_PROBLEMS_LISTED = 8192;

  private Outcomes() {}

  /** Every AWS part matches the spec. */
  static Outcome ready(DesiredState desired) {
    List<String> counts =
        AuditParts.IN_ORDER.stream()
            .map(part -> part.summary(desired))
            .flatMap(Optional::stream)
            .toList();
    return Outcome.synced(
        "log group "
            + desired.logGroupName()
            + (counts.isEmpty() ? "" : " with " + enumerate(counts))
            + " in sync in "
            + desired.region());
  }

  /** An adoption under way: resources were claimed, or what they held is being recorded. */
  static Outcome adopting(Plan plan) {
    return Outcome.progressing(
        ConditionReason.Adopting,
        "Adopting (spec.adoptExisting): "
            + plan.why()
            + "; the claim is checked again before anything else changes");
  }

  /** What a reconcile that only wrote status before creating untagged resources ends with. */
  static Outcome recording(Plan plan) {
    return Outcome.progressing(
        ConditionReason.Recording,
        "Recording in status before creating: " + plan.why() + "; the next reconcile creates it");
  }

  /** The outcome of a plan that was applied: Ready, or the first steps of an adoption. */
  static Outcome afterPlan(DesiredState desired, Plan plan) {
    return switch (plan.step()) {
      case CONVERGE -> ready(desired);
      case CLAIM, RECORD -> adopting(plan);
      case PREPARE -> recording(plan);
    };
  }

  /** The spec breaks rules: InvalidSpec, or PolicyViolation when only the policy is broken. */
  static Outcome invalid(List<Violation> violations) {
    boolean policyOnly = violations.stream().allMatch(v -> v.kind() == Violation.Kind.POLICY);
    String message =
        violations.size()
            + (violations.size() == 1 ? " problem: " : " problems: ")
            + listProblems(violations);
    return Outcome.stalled(
        policyOnly ? ConditionReason.PolicyViolation : ConditionReason.InvalidSpec, message);
  }

  /**
   * Other ModelAudits keep metrics this one claims: Stalled/MetricConflict, or Reconciling while
   * every holder is letting go of its metric (deleted, or no longer asking for it).
   */
  static Outcome metricConflict(List<Conflict> conflicts, Optional<String> ownMetricNamespace) {
    String message =
        conflicts.size()
            + (conflicts.size() == 1 ? " problem: " : " problems: ")
            + listTexts(conflicts.stream().map(c -> c.message(ownMetricNamespace)).toList());
    if (conflicts.stream().allMatch(Conflict::holderLeaving)) {
      return Outcome.progressing(ConditionReason.Progressing, message);
    }
    return Outcome.stalled(ConditionReason.MetricConflict, message);
  }

  /** Something in AWS forbids any write until a person acts; the first blocker's reason. */
  static Outcome blocked(List<Blocker> blockers) {
    return Outcome.stalled(
        blockers.get(0).reason(),
        blockers.stream().map(Blocker::message).collect(Collectors.joining("; ")));
  }

  /**
   * Lists the violations in order until the list would pass {@link #MAX_PROBLEMS_LISTED}
   * characters, then counts the rest: a spec with thousands of bad items must not produce a message
   * past metav1.Condition's limit of 32768 characters, which a real API server refuses to store.
   */
  static String listProblems(List<Violation> violations) {
    return listTexts(violations.stream().map(Violation::toString).toList());
  }

  /** See {@link #listProblems}: any problems, each already a text. */
  static String listTexts(List<String> problems) {
    StringBuilder listed = new StringBuilder();
    int shown = 0;
    for (String problem : problems) {
      String next = (shown == 0 ? "" : "; ") + problem;
      if (listed.length() + next.length() > MAX_PROBLEMS_LISTED) {
        if (shown == 0) {
          listed.append(truncate(next, MAX_PROBLEMS_LISTED)).append("...");
          shown = 1;
        }
        break;
      }
      listed.append(next);
      shown++;
    }
    if (shown < problems.size()) {
      listed.append("; and ").append(problems.size() - shown).append(" more");
    }
    return listed.toString();
  }

  /** "a", "a and b", "a, b and c". */
  private static String enumerate(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private static String truncate(String text, int maxChars) {
    int end = maxChars;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
