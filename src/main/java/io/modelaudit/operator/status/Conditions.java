package io.modelaudit.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pure helpers for metav1.Condition lists. */
public final class Conditions {

  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  /**
   * Returns the list with the condition of this type set. Its lastTransitionTime moves only when
   * its status changes; reason, message and observedGeneration always follow the arguments.
   */
  public static List<Condition> set(
      List<Condition> conditions,
      String type,
      boolean status,
      String reason,
      String message,
      long observedGeneration,
      String now) {
    List<Condition> result = new ArrayList<>();
    boolean found = false;
    String wanted = status ? TRUE : FALSE;
    for (Condition c : conditions == null ? List.<Condition>of() : conditions) {
      if (!type.equals(c.getType())) {
        result.add(c);
        continue;
      }
      found = true;
      String transition = wanted.equals(c.getStatus()) ? c.getLastTransitionTime() : now;
      result.add(build(type, wanted, reason, message, observedGeneration, transition));
    }
    if (!found) {
      result.add(build(type, wanted, reason, message, observedGeneration, now));
    }
    return result;
  }

  /** The condition of this type, if present. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether the condition of this type is present and True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }

  private static Condition build(
      String type,
      String status,
      String reason,
      String message,
      long observedGeneration,
      String lastTransitionTime) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message == null ? "" : message)
        .withObservedGeneration(observedGeneration)
        .withLastTransitionTime(lastTransitionTime)
        .build();
  }
}
