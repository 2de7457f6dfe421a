package io.modelaudit.operator.accounts;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Kubernetes label selector semantics (matchLabels and matchExpressions), for namespaces. */
final class LabelSelectors {

  private LabelSelectors() {}

  /**
   * Whether the labels satisfy the selector. As in Kubernetes, an empty selector matches
   * everything; every matchLabels entry and every expression must hold.
   */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
        if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!holds(requirement, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (String.valueOf(requirement.getOperator())) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }

  /** A problem with the selector's operators, or null when every expression is well-formed. */
  static String problem(LabelSelector selector) {
    if (selector.getMatchExpressions() == null) {
      return null;
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      String op = String.valueOf(r.getOperator());
      boolean needsValues = op.equals("In") || op.equals("NotIn");
      boolean known = needsValues || op.equals("Exists") || op.equals("DoesNotExist");
      if (!known) {
        return "operator must be In, NotIn, Exists or DoesNotExist, got " + op;
      }
      boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
      if (needsValues != hasValues) {
        return op + " on " + r.getKey() + (needsValues ? " needs values" : " takes no values");
      }
    }
    return null;
  }
}
