package io.modelaudit.operator.fake;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A composite alarm's AlarmRule as CloudWatch reads it: the functions ALARM, OK and
 * INSUFFICIENT_DATA on an alarm name (quoted or not) or ARN, TRUE and FALSE, combined with AND, OR,
 * NOT and parentheses (AWS's PutCompositeAlarm reference). It tells the alarms a rule names and
 * evaluates the rule on their states.
 */
final class AlarmRule {

  /** A rule CloudWatch would refuse, with why. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  private sealed interface Node permits State, Constant, Not, And, Or {}

  private record State(String function, String alarm) implements Node {}

  private record Constant(boolean value) implements Node {}

  private record Not(Node operand) implements Node {}

  private record And(Node left, Node right) implements Node {}

  private record Or(Node left, Node right) implements Node {}

  private final Node root;
  private final Set<String> alarms;

  private AlarmRule(Node root, Set<String> alarms) {
    this.root = root;
    this.alarms = Set.copyOf(alarms);
  }

  /** The alarms the rule names (names or ARNs, as written), in order. */
  Set<String> alarms() {
    return alarms;
  }

  /** Whether the rule holds when the alarms are in these states (a missing alarm is in none). */
  boolean holds(Map<String, String> states) {
    return holds(root, states);
  }

  private static boolean holds(Node node, Map<String, String> states) {
    if (node instanceof State s) {
      return s.function().equals(states.get(s.alarm()));
    }
    if (node instanceof Constant c) {
      return c.value();
    }
    if (node instanceof Not n) {
      return !holds(n.operand(), states);
    }
    if (node instanceof And a) {
      return holds(a.left(), states) && holds(a.right(), states);
    }
    Or o = (Or) node;
    return holds(o.left(), states) || holds(o.right(), states);
  }

  static AlarmRule parse(String rule) throws Invalid {
    if (rule == null || rule.isEmpty() || !rule.equals(rule.strip())) {
      throw new Invalid("AlarmRule must not contain leading or trailing whitespace or be null");
    }
    Parser parser = new Parser(rule);
    Node root = parser.or();
    parser.skipSpace();
    if (parser.at < rule.length()) {
      throw new Invalid(
          "Error in AlarmRule [Unsupported token '"
              + rule.charAt(parser.at)
              + "' at char "
              + parser.at
              + "]");
    }
    return new AlarmRule(root, parser.alarms);
  }

  private static final class Parser {
    private final String text;
    private int at;
    private final Set<String> alarms = new LinkedHashSet<>();

    Parser(String text) {
      this.text = text;
    }

    Node or() throws Invalid {
      Node left = and();
      while (keyword("OR")) {
        left = new Or(left, and());
      }
      return left;
    }

    Node and() throws Invalid {
      Node left = unary();
      while (keyword("AND")) {
        left = new And(left, unary());
      }
      return left;
    }

    Node unary() throws Invalid {
      if (keyword("NOT")) {
        return new Not(unary());
      }
      skipSpace();
      if (peek('(')) {
        at++;
        Node inner = or();
        expect(')');
        return inner;
      }
      if (keyword("TRUE")) {
        return new Constant(true);
      }
      if (keyword("FALSE")) {
        return new Constant(false);
      }
      for (String function : List.of("INSUFFICIENT_DATA", "ALARM", "OK")) {
        if (keyword(function)) {
          expect('(');
          String alarm = alarmName();
          expect(')');
          alarms.add(alarm);
          return new State(function, alarm);
        }
      }
      throw unsupported();
    }

    private String alarmName() throws Invalid {
      skipSpace();
      if (peek('"')) {
        int end = text.indexOf('"', at + 1);
        if (end < 0) {
          throw unsupported();
        }
        String name = text.substring(at + 1, end);
        at = end + 1;
        return name;
      }
      int start = at;
      while (at < text.length() && text.charAt(at) != ')') {
        at++;
      }
      String name = text.substring(start, at).strip();
      if (name.isEmpty()) {
        throw unsupported();
      }
      return name;
    }

    private boolean keyword(String word) {
      skipSpace();
      if (!text.startsWith(word, at)) {
        return false;
      }
      int end = at + word.length();
      if (end < text.length()
          && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
        return false;
      }
      at = end;
      return true;
    }

    private void expect(char c) throws Invalid {
      skipSpace();
      if (!peek(c)) {
        throw unsupported();
      }
      at++;
    }

    private boolean peek(char c) {
      return at < text.length() && text.charAt(at) == c;
    }

    void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private Invalid unsupported() {
      String token = at < text.length() ? String.valueOf(text.charAt(at)) : "end of rule";
      return new Invalid(
          "Error in AlarmRule [Unsupported token '" + token + "' at char " + at + "]");
    }
  }

  /** The rule's alarms as a list, for messages. */
  List<String> alarmList() {
    return new ArrayList<>(alarms);
  }
}
