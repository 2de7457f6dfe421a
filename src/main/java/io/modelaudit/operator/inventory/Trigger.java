package io.modelaudit.operator.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Why the inventory asks for a reconcile of one ModelAudit.
 *
 * @param findings for DRIFT, one line per out-of-band change, for logs and the event
 */
public record Trigger(Kind kind, List<String> findings) {

  /** What the reconcile has to do. */
  public enum Kind {
    /** Only alarm states changed: refresh status from the snapshot, no AWS read. */
    ALARM_STATE,
    /**
     * An alarm of the ModelAudit was created, changed or deleted in AWS by someone (the operator
     * included): read its alarms by name and repair only what differs.
     */
    ALARM_CHECK,
    /** The resource is due for its periodic full read (tags and streams included). */
    RESYNC,
    /** The batched reads show an out-of-band change: read in full and repair. */
    DRIFT
  }

  public Trigger {
    findings = List.copyOf(findings);
  }

  public static Trigger alarmState() {
    return new Trigger(Kind.ALARM_STATE, List.of());
  }

  public static Trigger resync() {
    return new Trigger(Kind.RESYNC, List.of());
  }

  public static Trigger alarmCheck(String finding) {
    return new Trigger(Kind.ALARM_CHECK, List.of(finding));
  }

  public static Trigger drift(List<String> findings) {
    return new Trigger(Kind.DRIFT, findings);
  }

  /** Whether the reconcile must read AWS in full rather than use the snapshot. */
  public boolean needsFullRead() {
    return kind != Kind.ALARM_STATE && kind != Kind.ALARM_CHECK;
  }

  /** Two triggers that arrived before one reconcile: the stronger wins, findings add up. */
  public Trigger merge(Trigger other) {
    Kind stronger = kind.compareTo(other.kind) >= 0 ? kind : other.kind;
    List<String> all = new ArrayList<>(findings);
    other.findings.stream().filter(f -> !all.contains(f)).forEach(all::add);
    return new Trigger(stronger, all);
  }
}
