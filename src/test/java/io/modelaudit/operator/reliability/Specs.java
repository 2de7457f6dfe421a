package io.modelaudit.operator.reliability;

import io.modelaudit.operator.Fixtures;
import io.modelaudit.operator.api.v1alpha1.ModelAudit;

/** Specs the reliability scenarios share: rich enough that a converge makes many AWS calls. */
final class Specs {

  private Specs() {}

  /** Two streams, two filters, two alarms: eight mutating calls to create. */
  static final String RICH = Fixtures.specText("rich");

  /**
   * RICH after an edit that touches every kind of part: retention changed, a stream removed and one
   * added, a filter changed, one removed and one added, an alarm changed, one removed and one
   * added, a tag changed and one removed.
   */
  static final String RICH_EDITED = Fixtures.specText("rich-edited");

  /**
   * RICH as namespace/name, publishing metrics of its own (see {@link Fixtures#withOwnMetrics}).
   */
  static ModelAudit rich(String namespace, String name) {
    return Fixtures.withOwnMetrics(Fixtures.resource(namespace, name, RICH));
  }

  /** RICH_EDITED as namespace/name, publishing metrics of its own. */
  static ModelAudit richEdited(String namespace, String name) {
    return Fixtures.withOwnMetrics(Fixtures.resource(namespace, name, RICH_EDITED));
  }

  static ModelAudit withPolicy(String namespace, String name, String policy) {
    return Fixtures.withOwnMetrics(
        Fixtures.resource(
            namespace, name, RICH.replace("deletionPolicy: Delete", "deletionPolicy: " + policy)));
  }
}
