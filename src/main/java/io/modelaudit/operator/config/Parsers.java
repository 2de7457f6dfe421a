package io.modelaudit.operator.config;

import io.modelaudit.operator.api.v1alpha1.SpecRules;
import io.modelaudit.operator.cloudwatch.Operations;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The parsers and checks of {@link Settings}. Each throws {@link IllegalArgumentException} saying
 * what it expected; {@link Setting} puts the variable's name in front.
 */
final class Parsers {

  private Parsers() {}

  static String text(String text) {
    return text;
  }

  /** Blank is empty. */
  static Optional<String> optionalText(String text) {
    return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
  }

  /** Comma-separated items, trimmed, without empty ones. */
  static List<String> csv(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  static Set<String> csvSet(String text) {
    return Set.copyOf(csv(text));
  }

  /**
   * Regular expressions separated by commas outside their groups, classes and quantifiers: the
   * comma of {@code {1,3}} or {@code [a,b]} stays in its expression, as does an escaped one ({@code
   * \\,}). Each must compile once {@code {account}} is replaced by an account.
   */
  static List<String> arnPatterns(String text) {
    List<String> patterns =
        splitTopLevel(text).stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    for (String pattern : patterns) {
      try {
        Pattern.compile(pattern.replace(Settings.ACCOUNT_PLACEHOLDER, "000000000000"));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("not a valid regular expression: " + pattern, e);
      }
    }
    return patterns;
  }

  /** Splits at the commas that are outside (), [] and {} and not escaped. */
  static List<String> splitTopLevel(String text) {
    List<String> parts = new java.util.ArrayList<>();
    StringBuilder part = new StringBuilder();
    int depth = 0;
    boolean inClass = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        part.append(c).append(text.charAt(++i));
        continue;
      }
      if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        // a ']' right after '[' or '[^' is a literal one
        if (i + 1 < text.length() && text.charAt(i + 1) == '^') {
          part.append(c);
          c = text.charAt(++i);
        }
        if (i + 1 < text.length() && text.charAt(i + 1) == ']') {
          part.append(c);
          c = text.charAt(++i);
        }
      } else if (c == '(' || c == '{') {
        depth++;
      } else if ((c == ')' || c == '}') && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(part.toString());
        part.setLength(0);
        continue;
      }
      part.append(c);
    }
    parts.add(part.toString());
    return parts;
  }

  /** Empty, or ending in '/' so that a prefix never covers a sibling ("/team" covers "/team-b"). */
  static void logGroupPrefix(String prefix) {
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "must end in / (or be empty to allow any name), got "
              + prefix
              + ": without it the prefix also covers names such as "
              + prefix
              + "-other");
    }
  }

  /**
   * Metric namespaces or {@code *}: 1-255 characters without ':' (CloudWatch's rule), where {@code
   * {namespace}} stands for the ModelAudit's namespace.
   */
  static void metricNamespaceTemplates(List<String> templates) {
    for (String template : templates) {
      String sample = template.replace("{namespace}", "ns");
      if (sample.length() > 255 || sample.contains(":")) {
        throw new IllegalArgumentException(
            "expected metric namespaces of 1-255 characters without ':', or *, got " + template);
      }
    }
  }

  static int integer(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number, got " + text, e);
    }
  }

  static boolean bool(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got " + text);
    };
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT5M}). */
  static Duration duration(String text) {
    String v = text.trim();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      String number = v.replaceAll("(ms|s|m|h)$", "");
      long amount = Long.parseLong(number);
      String unit = v.substring(number.length());
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException("missing unit");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "expected a duration such as 30s, 5m, 1h or PT5M, got " + text, e);
    }
  }

  static void positive(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("must be positive, got " + show(value));
    }
  }

  static void atLeastOne(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("must be at least 1, got " + value);
    }
  }

  static void port(int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException("must be 0-65535, got " + value);
    }
  }

  /** off, optional or required, in any case. */
  static AccountMappingMode accountMapping(String text) {
    try {
      return AccountMappingMode.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected off, optional or required, got " + text, e);
    }
  }

  /** One requirement of a Kubernetes label selector (equality or set based). */
  private static final Pattern LABEL_KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

  private static final Pattern REQUIREMENT =
      Pattern.compile(
          "\\s*(?:(?<not>!)\\s*(?<nkey>[^\\s!=(),]+)"
              + "|(?<ekey>[^\\s!=(),]+)\\s*(?<op>==|=|!=)\\s*(?<value>[^\\s!=(),]*)"
              + "|(?<skey>[^\\s!=(),]+)\\s+(?<set>in|notin)\\s*\\((?<values>[^()]*)\\)"
              + "|(?<key>[^\\s!=(),]+))\\s*");

  /**
   * A Kubernetes label selector as kubectl -l takes it ({@code shard=a}, {@code tier in (x,y)},
   * {@code !legacy}, comma separated), checked here so that a typo fails at start instead of
   * silently selecting nothing; blank means none.
   */
  static Optional<String> labelSelector(String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    for (String requirement : splitRequirements(text)) {
      java.util.regex.Matcher m = REQUIREMENT.matcher(requirement);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "not a label selector requirement: '"
                + requirement.trim()
                + "' (expected key=value, key!=value, key in (a,b), key notin (a,b), key or !key)");
      }
      String key = firstNonNull(m.group("nkey"), m.group("ekey"), m.group("skey"), m.group("key"));
      if (!LABEL_KEY.matcher(key).matches() || key.length() > 316) {
        throw new IllegalArgumentException("not a label key: " + key);
      }
      List<String> values =
          m.group("value") != null
              ? List.of(m.group("value"))
              : m.group("values") != null ? csv(m.group("values")) : List.of();
      for (String value : values) {
        if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
          throw new IllegalArgumentException("not a label value: " + value);
        }
      }
    }
    return Optional.of(text.trim());
  }

  /** Splits at the commas outside parentheses. */
  private static List<String> splitRequirements(String text) {
    List<String> parts = new java.util.ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The shape of an AWS region name a spec may use, e.g. us-east-1. */
  static final Pattern REGION = Pattern.compile(SpecRules.REGION_PATTERN);

  /** Every item is shaped like a region. */
  static void regions(Set<String> regions) {
    for (String region : regions) {
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException(
            "expected region names such as ap-southeast-7, got " + region);
      }
    }
  }

  /** 1 to {@link Settings#MAX_ALARM_NAME_PREFIX} characters, none of them a control character. */
  static void alarmNamePrefix(String prefix) {
    if (prefix.isEmpty() || prefix.length() > Settings.MAX_ALARM_NAME_PREFIX) {
      throw new IllegalArgumentException(
          "must be 1-" + Settings.MAX_ALARM_NAME_PREFIX + " characters, got " + prefix.length());
    }
    if (prefix.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("must not contain control characters");
    }
  }

  /** AWS's quotas, with the operations named in "Operation=calls per second,..." overridden. */
  static Map<String, Double> rateLimits(String text) {
    Map<String, Double> limits = new TreeMap<>(Operations.QUOTAS);
    for (String item : csv(text)) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected Operation=callsPerSecond, got " + item);
      }
      String operation = item.substring(0, eq).trim();
      String number = item.substring(eq + 1).trim();
      try {
        limits.put(operation, Double.parseDouble(number));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(operation + ": expected a number, got " + number, e);
      }
    }
    return Map.copyOf(limits);
  }

  /** Every operation is one the port uses, and every limit a positive, finite number. */
  static void knownPositiveLimits(Map<String, Double> limits) {
    for (Map.Entry<String, Double> limit : limits.entrySet()) {
      if (!Operations.ALL.contains(limit.getKey())) {
        throw new IllegalArgumentException(
            "unknown operation " + limit.getKey() + "; known: " + new TreeSet<>(Operations.ALL));
      }
      if (!(limit.getValue() > 0) || limit.getValue().isInfinite()) {
        throw new IllegalArgumentException(
            limit.getKey()
                + " must be a positive number of calls per second, got "
                + limit.getValue());
      }
    }
  }

  /** "AWS's quotas", or the operations whose limit differs from its quota. */
  static String showRateLimits(Map<String, Double> limits) {
    String changed =
        new TreeMap<>(limits)
            .entrySet().stream()
                .filter(e -> !e.getValue().equals(Operations.QUOTAS.get(e.getKey())))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    return changed.isEmpty() ? "AWS's quotas" : "AWS's quotas except " + changed;
  }

  /** A value as the start-up log shows it: durations as written in the environment. */
  static String show(Object value) {
    if (value instanceof Duration d) {
      return showDuration(d);
    }
    if (value instanceof Optional<?> o) {
      return o.map(Parsers::show).orElse("(unset)");
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(Parsers::show).sorted().collect(Collectors.joining(",", "[", "]"));
    }
    return String.valueOf(value);
  }

  private static String showDuration(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
