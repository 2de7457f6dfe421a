package io.modelaudit.operator.part.dataprotection;

import java.util.List;

/**
 * The data protection policy the spec asks for.
 *
 * @param identifiers what it masks: managed identifiers' names and custom identifiers' names
 * @param document the policy document the operator builds, ownership marker included
 */
public record DesiredMasking(List<String> identifiers, String document) {

  public DesiredMasking {
    identifiers = List.copyOf(identifiers);
  }
}
