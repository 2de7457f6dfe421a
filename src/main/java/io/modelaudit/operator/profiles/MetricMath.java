package io.modelaudit.operator.profiles;

import io.modelaudit.operator.api.v1alpha1.SpecRules;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a CloudWatch metric math expression as far as the operator must understand it: which ids of
 * the alarm's other entries it uses, whether it is an anomaly detection band, and whether it is
 * well formed (known characters, balanced brackets, closed strings). CloudWatch's functions are
 * upper case and metric ids start with a lower-case letter, so a lower-case word is an id.
 */
public final class MetricMath {

  /** The default band width of ANOMALY_DETECTION_BAND when none is given (AWS). */
  public static final double DEFAULT_BAND_WIDTH = 2;

  /**
   * An expression of the form ANOMALY_DETECTION_BAND(id) or ANOMALY_DETECTION_BAND(id, width).
   *
   * @param of the id of the entry whose band it is
   */
  public record Band(String of, double width) {}

  /**
   * What an expression says.
   *
   * @param ids the ids it uses, in order of appearance
   * @param band present when the whole expression is an anomaly detection band
   */
  public record Parsed(Set<String> ids, Optional<Band> band) {}

  /** Why an expression cannot be read, with the position (0-based) where reading stopped. */
  public static final class Malformed extends Exception {
    public Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private static final String OPERATORS = "+-*/^()[],<>=!&|";

  private MetricMath() {}

  /** Reads the expression; throws with a message naming the problem and its position. */
  public static Parsed parse(String expression) throws Malformed {
    Set<String> ids = new LinkedHashSet<>();
    Deque<Character> open = new ArrayDeque<>();
    int i = 0;
    int n = expression.length();
    boolean any = false;
    while (i < n) {
      char c = expression.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        int end = expression.indexOf(c, i + 1);
        if (end < 0) {
          throw new Malformed("the string opened at position " + i + " is not closed");
        }
        i = end + 1;
        any = true;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(expression.charAt(i)) || expression.charAt(i) == '_')) {
          i++;
        }
        String word = expression.substring(start, i);
        boolean call = nextIs(expression, i, '(');
        if (Character.isLowerCase(word.charAt(0))) {
          if (call) {
            throw new Malformed(
                "unknown function "
                    + word
                    + " at position "
                    + start
                    + ": CloudWatch's functions are upper case");
          }
          ids.add(word);
        } else if (word.equals("SEARCH") && call) {
          throw new Malformed(
              "SEARCH returns many time series; an alarm watches exactly one (AWS)");
        }
        any = true;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(expression.charAt(i + 1)))) {
        i = number(expression, i);
        any = true;
      } else if (OPERATORS.indexOf(c) >= 0) {
        if (c == '(' || c == '[') {
          open.push(c);
        } else if (c == ')' || c == ']') {
          char want = c == ')' ? '(' : '[';
          if (open.isEmpty() || open.pop() != want) {
            throw new Malformed("unbalanced '" + c + "' at position " + i);
          }
        }
        i++;
      } else {
        throw new Malformed("unexpected character '" + c + "' at position " + i);
      }
    }
    if (!open.isEmpty()) {
      throw new Malformed("'" + open.peek() + "' is not closed");
    }
    if (!any) {
      throw new Malformed("it has no metric, function or number");
    }
    return new Parsed(ids, band(expression.strip()));
  }

  /** The band, when the whole expression is ANOMALY_DETECTION_BAND(id[, width]). */
  private static Optional<Band> band(String expression) {
    String function = SpecRules.BAND_FUNCTION;
    if (!expression.startsWith(function) || !expression.endsWith(")")) {
      return Optional.empty();
    }
    String rest = expression.substring(function.length()).strip();
    if (!rest.startsWith("(")) {
      return Optional.empty();
    }
    String inside = rest.substring(1, rest.length() - 1).strip();
    String[] args = inside.split(",", -1);
    if (args.length < 1 || args.length > 2) {
      return Optional.empty();
    }
    String of = args[0].strip();
    if (!of.matches(SpecRules.METRIC_ID_PATTERN)) {
      return Optional.empty();
    }
    if (args.length == 1) {
      return Optional.of(new Band(of, DEFAULT_BAND_WIDTH));
    }
    try {
      double width = Double.parseDouble(args[1].strip());
      return Double.isFinite(width) && width > 0
          ? Optional.of(new Band(of, width))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether the expression calls the band function anywhere. */
  public static boolean mentionsBand(String expression) {
    return expression.contains(SpecRules.BAND_FUNCTION);
  }

  private static boolean nextIs(String text, int from, char c) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == c;
  }

  /** The end of the number starting at i: digits, a fraction and an exponent. */
  private static int number(String text, int i) {
    int n = text.length();
    while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(text.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(text.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }
}
