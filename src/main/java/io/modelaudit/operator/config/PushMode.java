package io.modelaudit.operator.config;

import java.util.Locale;

/** How alarm state and drift reach the operator: polled, or pushed by AWS (see docs). */
public enum PushMode {
  /** Everything is found by the periodic listings. */
  OFF,
  /**
   * CloudWatch's own alarm events (state changes, configuration changes) are pushed; the alarm
   * listing becomes a slow safety net, log groups and filters are checked as when off.
   */
  ALARMS,
  /**
   * The alarm events and CloudTrail's API-call events for log groups, streams, filters and tags
   * (which need a CloudTrail trail): every periodic listing becomes the slow safety net.
   */
  ALL;

  /** The value as the setting spells it. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isOn() {
    return this != OFF;
  }

  static PushMode parse(String text) {
    for (PushMode mode : values()) {
      if (mode.text().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException("must be off, alarms or all, got " + text);
  }
}
