package io.modelaudit.operator.audit;

import io.modelaudit.operator.part.Part;
import io.modelaudit.operator.part.alarms.AlarmsPart;
import io.modelaudit.operator.part.anomaly.AnomalyPart;
import io.modelaudit.operator.part.composite.CompositePart;
import io.modelaudit.operator.part.dashboard.DashboardPart;
import io.modelaudit.operator.part.dataprotection.DataProtectionPart;
import io.modelaudit.operator.part.indexpolicy.IndexPolicyPart;
import io.modelaudit.operator.part.loggroup.LogGroupPart;
import io.modelaudit.operator.part.logstreams.LogStreamsPart;
import io.modelaudit.operator.part.metricfilters.MetricFiltersPart;
import io.modelaudit.operator.part.queries.QueriesPart;
import io.modelaudit.operator.part.subscriptions.SubscriptionsPart;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The AWS parts of a ModelAudit, in dependency order: a part may depend only on parts before it.
 * Reconciles walk this list forward; cleanup walks it backward. A new part is one package under
 * {@code part} and one line here.
 */
public final class AuditParts {

  /**
   * Every part, in the order they are created (and in reverse, deleted). Masking comes right after
   * the log group and its streams, before the archive starts copying events and before anything
   * else is added; an anomaly model comes before the alarm whose band it draws, the alarms before
   * the health alarm that watches them, and the dashboard last, as it shows them all.
   */
  public static final List<Part<?, ?>> IN_ORDER =
      List.of(
          LogGroupPart.PART,
          LogStreamsPart.PART,
          DataProtectionPart.PART,
          IndexPolicyPart.PART,
          SubscriptionsPart.PART,
          MetricFiltersPart.PART,
          AnomalyPart.PART,
          AlarmsPart.PART,
          CompositePart.PART,
          QueriesPart.PART,
          DashboardPart.PART);

  /** Every part in the order cleanup removes them: last created, first deleted. */
  public static final List<Part<?, ?>> IN_CLEANUP_ORDER = reverse(IN_ORDER);

  private AuditParts() {}

  private static List<Part<?, ?>> reverse(List<Part<?, ?>> parts) {
    List<Part<?, ?>> reversed = new ArrayList<>(parts);
    Collections.reverse(reversed);
    return List.copyOf(reversed);
  }
}
