package io.modelaudit.operator.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Formats the age of an object the way kubectl's AGE column does (45s, 5m12s, 3h, 2d). */
final class Ages {

  private Ages() {}

  /** The age of a RFC 3339 timestamp at {@code now}; empty text when there is no timestamp. */
  static String since(String timestamp, Instant now) {
    if (timestamp == null || timestamp.isBlank()) {
      return "";
    }
    try {
      return format(Duration.between(Instant.parse(timestamp), now));
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }

  /** Two units while the first is small, one unit once the second would only add noise. */
  static String format(Duration age) {
    long seconds = age.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long rest = seconds % 60;
      return rest == 0 ? minutes + "m" : minutes + "m" + rest + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long rest = minutes % 60;
      return rest == 0 ? hours + "h" : hours + "h" + rest + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (hours < 24 * 8) {
      long rest = hours % 24;
      return rest == 0 ? days + "d" : days + "d" + rest + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    long years = days / 365;
    if (years < 8) {
      long rest = days % 365;
      return rest == 0 ? years + "y" : years + "y" + rest + "d";
    }
    return years + "y";
  }
}
