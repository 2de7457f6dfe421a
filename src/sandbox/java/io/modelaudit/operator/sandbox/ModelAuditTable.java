package io.modelaudit.operator.sandbox;

import io.modelaudit.operator.api.v1alpha1.ModelAudit;
import io.modelaudit.operator.api.v1alpha1.ModelAuditStatus;
import io.modelaudit.operator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sandbox's console table of ModelAudits, computed client-side from status the way the CRD's
 * printer columns are: READY from the Ready condition, ALARM from status.alarmState, LOG GROUP and
 * RETENTION from status.logGroup, AGE from the creation time.
 */
final class ModelAuditTable {

  static final List<String> HEADERS =
      List.of("NAMESPACE", "NAME", "READY", "ALARM", "LOG GROUP", "RETENTION", "AGE");

  /** One line of the table. */
  record Row(
      String namespace,
      String name,
      String ready,
      String alarm,
      String logGroup,
      String retention,
      String age) {

    List<String> cells() {
      return List.of(namespace, name, ready, alarm, logGroup, retention, age);
    }

    /** Everything but the age, which changes by itself: the table is reprinted when this does. */
    Row withoutAge() {
      return new Row(namespace, name, ready, alarm, logGroup, retention, "");
    }
  }

  private ModelAuditTable() {}

  static List<Row> rows(List<ModelAudit> audits, Instant now) {
    return audits.stream()
        .sorted(
            Comparator.comparing((ModelAudit a) -> a.getMetadata().getNamespace())
                .thenComparing(a -> a.getMetadata().getName()))
        .map(a -> row(a, now))
        .toList();
  }

  static Row row(ModelAudit audit, Instant now) {
    ModelAuditStatus status = audit.getStatus();
    String ready = "";
    String alarm = "";
    String logGroup = "";
    String retention = "";
    if (status != null) {
      ready =
          Conditions.find(status.getConditions(), Conditions.READY)
              .map(c -> c.getStatus())
              .orElse("");
      alarm = nullToEmpty(status.getAlarmState());
      if (status.getLogGroup() != null) {
        logGroup = nullToEmpty(status.getLogGroup().getName());
        retention =
            status.getLogGroup().getRetentionInDays() == null
                ? ""
                : status.getLogGroup().getRetentionInDays().toString();
      }
    }
    return new Row(
        audit.getMetadata().getNamespace(),
        audit.getMetadata().getName(),
        ready,
        alarm,
        logGroup,
        retention,
        Ages.since(audit.getMetadata().getCreationTimestamp(), now));
  }

  /** Left-aligned columns three spaces apart, as kubectl prints them. */
  static String render(List<Row> rows) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(HEADERS);
    rows.forEach(r -> lines.add(r.cells()));
    int[] widths = new int[HEADERS.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> line : lines) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        out.append(line.get(i));
        if (i < line.size() - 1) {
          out.append(" ".repeat(widths[i] - line.get(i).length() + 3));
        }
      }
      text.append(out.toString().stripTrailing()).append('\n');
    }
    if (rows.isEmpty()) {
      text.append("(no ModelAudits)\n");
    }
    return text.toString();
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
