package io.modelaudit.operator.sandbox.admission;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worst-case cost of a rule by the static model a Kubernetes API server applies when a CRD is
 * created or updated. A CRD is refused when one rule's cost times the number of times it can run
 * for one object exceeds {@link #PER_RULE_LIMIT}, or when the sum over its rules exceeds {@link
 * #PER_CRD_LIMIT}.
 *
 * <p>The model (cel-go's checker cost estimator, with Kubernetes' size estimates from the schema):
 * reading a variable or a field costs 1; a function call 1 plus its arguments; a comprehension
 * ({@code all}, {@code exists}, {@code exists_one}, ...) the size of its range times the cost of
 * one step; string functions in proportion to the strings' lengths ({@code contains}: 0.1 per
 * character of each side, multiplied; {@code matches}: 0.1 per character of the string times 0.25
 * per character of the regex; {@code ==}: 0.1 per character of the shorter side); {@code x in
 * list}: the list's size. A list's size is its maxItems, a map's its maxProperties, a string's its
 * maxLength times 4 (bytes per character at most). Where the schema gives no bound, the size is
 * what fits in the largest request the API server accepts (3 MiB): a rule iterating over unbounded
 * lists or strings is soon over the limit.
 */
public final class CelCost {

  /** Kubernetes' StaticEstimatedCostLimit: one rule, times how often it can run per object. */
  public static final long PER_RULE_LIMIT = 10_000_000L;

  /** Kubernetes' StaticEstimatedCRDCostLimit: every rule of the CRD together. */
  public static final long PER_CRD_LIMIT = 100_000_000L;

  /** The API server's largest request (celconfig.MaxRequestSizeBytes). */
  static final long MAX_REQUEST_BYTES = 3L * 1024 * 1024;

  private static final double STRING_TRAVERSAL = 0.1;
  private static final double REGEX_LENGTH = 0.25;
  private static final long UNKNOWN = Long.MAX_VALUE;

  /**
   * One rule's estimate.
   *
   * @param cost the cost of one evaluation, at most
   * @param cardinality how often the rule can run for one object, at most
   */
  public record Estimate(CelRules.Rule rule, long cost, long cardinality) {

    /** The cost Kubernetes compares with {@link #PER_RULE_LIMIT}. */
    public long total() {
      return multiply(cost, cardinality);
    }
  }

  private CelCost() {}

  /** Every rule's estimate. */
  public static List<Estimate> estimate(CelRules rules) {
    List<Estimate> estimates = new ArrayList<>();
    for (CelRules.Rule rule : rules.rules()) {
      long cardinality =
          rule.cardinality()
              .orElseGet(() -> MAX_REQUEST_BYTES / (minSerializedSize(rule.node()) + 1));
      estimates.add(new Estimate(rule, new Coster(rule).cost(rule.ast().getExpr()), cardinality));
    }
    return estimates;
  }

  /** What a real API server would say about these rules' cost; empty when they are within it. */
  public static List<String> violations(List<Estimate> estimates) {
    List<String> violations = new ArrayList<>();
    long sum = 0;
    for (Estimate e : estimates) {
      if (e.total() > PER_RULE_LIMIT) {
        violations.add(
            e.rule().location()
                + ": Forbidden: estimated rule cost exceeds budget by factor of "
                + factor(e.total(), PER_RULE_LIMIT)
                + " (try simplifying the rule, or adding maxItems, maxProperties, and maxLength"
                + " where arrays, maps, and strings are declared)");
      }
      sum = add(sum, e.total());
    }
    if (sum > PER_CRD_LIMIT) {
      violations.add(
          "openAPIV3Schema: Forbidden: x-kubernetes-validations estimated rule cost total for"
              + " entire OpenAPIv3 schema exceeds budget by factor of "
              + factor(sum, PER_CRD_LIMIT));
    }
    return violations;
  }

  private static String factor(long cost, long limit) {
    double f = (double) cost / limit;
    if (f > 100) {
      return "more than 100x";
    }
    return f < 1.5 ? String.format("%fx", f) : String.format("%.1fx", f);
  }

  // ---- sizes from the schema ----

  /** A schema node's largest size: characters of a string, items of a list, entries of a map. */
  static long maxElements(SchemaNode node) {
    switch (node.type()) {
      case "string":
        if (node.maxLength().isPresent()) {
          return multiply(node.maxLength().get(), 4);
        }
        if (node.json().has("enum")) {
          long longest = 0;
          for (var v : node.json().get("enum")) {
            longest = Math.max(longest, v.asText().length());
          }
          return longest;
        }
        return MAX_REQUEST_BYTES - 2;
      case "array":
        return node.maxItems()
            .orElseGet(
                () ->
                    node.items() == null
                        ? MAX_REQUEST_BYTES
                        : (MAX_REQUEST_BYTES - 2) / (minSerializedSize(node.items()) + 1));
      case "object":
        if (node.additionalProperties() != null) {
          return node.maxProperties()
              .orElseGet(
                  () ->
                      (MAX_REQUEST_BYTES - 2)
                          / (minSerializedSize(node.additionalProperties()) + 6));
        }
        return 0;
      default:
        return 0;
    }
  }

  /**
   * The shortest JSON of a value of this schema: {@code ""}, {@code 0}, {@code true}, {@code []}.
   */
  static long minSerializedSize(SchemaNode node) {
    return switch (node.type()) {
      case "integer", "number" -> 1;
      case "boolean" -> 4;
      default -> 2;
    };
  }

  // ---- the estimator: cel-go's coster, for the expressions CRD rules are made of ----

  private static final class Coster {
    private final CelAbstractSyntaxTree ast;
    private final SchemaNode self;
    private final Map<Long, List<String>> paths = new HashMap<>();
    private final Deque<Map.Entry<String, List<String>>> locals = new ArrayDeque<>();

    Coster(CelRules.Rule rule) {
      this.ast = rule.ast();
      this.self = rule.node();
    }

    long cost(CelExpr e) {
      return switch (e.getKind()) {
        case CONSTANT -> 0;
        case IDENT -> {
          String name = e.ident().name();
          paths.put(e.id(), localPath(name).orElse(List.of(name)));
          yield 1;
        }
        case SELECT -> {
          long operand = cost(e.select().operand());
          if (e.select().testOnly()) {
            // Kubernetes sets PresenceTestHasCost(false): has() costs only its operand.
            yield operand;
          }
          CelKind kind = type(e.select().operand()).map(CelType::kind).orElse(CelKind.DYN);
          long select =
              kind == CelKind.STRUCT || kind == CelKind.MAP || kind == CelKind.TYPE_PARAM ? 1 : 0;
          List<String> path = new ArrayList<>(path(e.select().operand()));
          path.add(e.select().field());
          paths.put(e.id(), path);
          yield add(operand, select);
        }
        case CALL -> costCall(e);
        case LIST -> {
          long sum = 10;
          for (CelExpr element : e.list().elements()) {
            sum = add(sum, cost(element));
          }
          yield sum;
        }
        case MAP -> {
          long sum = 30;
          for (var entry : e.map().entries()) {
            sum = add(sum, add(cost(entry.key()), cost(entry.value())));
          }
          yield sum;
        }
        case STRUCT -> {
          long sum = 40;
          for (var entry : e.struct().entries()) {
            sum = add(sum, cost(entry.value()));
          }
          yield sum;
        }
        case COMPREHENSION -> costComprehension(e);
        default -> 0;
      };
    }

    private long costComprehension(CelExpr e) {
      CelExpr.CelComprehension c = e.comprehension();
      long sum = add(cost(c.iterRange()), cost(c.accuInit()));
      CelKind rangeKind = type(c.iterRange()).map(CelType::kind).orElse(CelKind.DYN);
      List<String> itemPath = new ArrayList<>(path(c.iterRange()));
      itemPath.add(rangeKind == CelKind.LIST ? "@items" : "@keys");
      locals.push(Map.entry(c.accuVar(), List.of()));
      locals.push(Map.entry(c.iterVar(), itemPath));
      long loop = cost(c.loopCondition());
      long step = cost(c.loopStep());
      locals.pop();
      sum = add(sum, cost(c.result()));
      locals.pop();
      return add(sum, multiply(size(c.iterRange()), add(step, loop)));
    }

    private long costCall(CelExpr e) {
      CelExpr.CelCall call = e.call();
      if ("dyn".equals(call.function()) && call.args().size() == 1) {
        long arg = cost(call.args().get(0));
        paths.put(e.id(), path(call.args().get(0)));
        return add(1, arg);
      }
      long[] argCosts = new long[call.args().size()];
      for (int i = 0; i < argCosts.length; i++) {
        argCosts[i] = cost(call.args().get(i));
      }
      long sum = 0;
      if (call.target().isPresent()) {
        sum = cost(call.target().get());
      }
      List<String> overloads =
          ast.getReference(e.id()).map(r -> (List<String>) r.overloadIds()).orElse(List.of());
      if (overloads.isEmpty()) {
        return sum;
      }
      long fn = 0;
      for (String overload : overloads) {
        fn = Math.max(fn, functionCost(overload, call, argCosts));
        if (overload.equals("index_list") || overload.equals("index_map")) {
          List<String> path = new ArrayList<>(path(call.args().get(0)));
          path.add(overload.equals("index_list") ? "@items" : "@values");
          paths.put(e.id(), path);
        }
      }
      return add(sum, fn);
    }

    private long functionCost(String overload, CelExpr.CelCall call, long[] argCosts) {
      long argSum = 0;
      for (long a : argCosts) {
        argSum = add(argSum, a);
      }
      List<CelExpr> args = call.args();
      Optional<CelExpr> target = call.target();
      switch (overload) {
        case "starts_with_string", "ends_with_string":
          return add(factor(size(args.get(0)), STRING_TRAVERSAL), argSum);
        case "in_list":
          return add(size(args.get(1)), argSum);
        case "matches_string":
          if (target.isPresent()) {
            long str = factor(add(size(target.get()), 1), STRING_TRAVERSAL);
            long regex = factor(size(args.get(0)), REGEX_LENGTH);
            return add(multiply(str, regex), argSum);
          }
          break;
        case "contains_string":
          if (target.isPresent()) {
            long str = factor(size(target.get()), STRING_TRAVERSAL);
            long sub = factor(size(args.get(0)), STRING_TRAVERSAL);
            return add(multiply(str, sub), argSum);
          }
          break;
        case "logical_and", "logical_or":
          return argSum;
        case "conditional":
          return add(argCosts[0], Math.max(argCosts[1], argCosts[2]));
        case "add_string", "add_bytes":
          return add(factor(add(size(args.get(0)), size(args.get(1))), STRING_TRAVERSAL), argSum);
        case "add_list":
          return add(1, argSum);
        case "equals",
        "not_equals",
        "less_string",
        "greater_string",
        "less_equals_string",
        "greater_equals_string",
        "less_bytes",
        "greater_bytes",
        "less_equals_bytes",
        "greater_equals_bytes":
          return add(
              factor(Math.min(size(args.get(0)), size(args.get(1))), STRING_TRAVERSAL), argSum);
        default:
          break;
      }
      return add(1, argSum);
    }

    /** The largest size of an expression's value, as cel-go and Kubernetes estimate it. */
    private long size(CelExpr e) {
      if (e.getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
        CelConstant constant = e.constant();
        return constant.getKind() == CelConstant.Kind.STRING_VALUE
            ? constant.stringValue().codePointCount(0, constant.stringValue().length())
            : 1;
      }
      if (e.getKind() == CelExpr.ExprKind.Kind.LIST) {
        return e.list().elements().size();
      }
      if (e.getKind() == CelExpr.ExprKind.Kind.MAP) {
        return e.map().entries().size();
      }
      List<String> path = path(e);
      if (!path.isEmpty()) {
        Optional<SchemaNode> node = resolve(path);
        if (node.isPresent()) {
          return maxElements(node.get());
        }
      }
      CelKind kind = type(e).map(CelType::kind).orElse(CelKind.DYN);
      return switch (kind) {
        case BOOL, DOUBLE, DURATION, INT, TIMESTAMP, UINT -> 1;
        default -> UNKNOWN;
      };
    }

    /** The schema node at a path that starts at self or oldSelf. */
    private Optional<SchemaNode> resolve(List<String> path) {
      if (!path.get(0).equals("self") && !path.get(0).equals("oldSelf")) {
        return Optional.empty();
      }
      SchemaNode node = self;
      for (String step : path.subList(1, path.size())) {
        switch (step) {
          case "@items" -> node = node.items();
          case "@values" -> node = node.additionalProperties();
          case "@keys" -> node = null;
          default -> node = property(node, step);
        }
        if (node == null) {
          return Optional.empty();
        }
      }
      return Optional.of(node);
    }

    private static SchemaNode property(SchemaNode node, String celName) {
      for (var p : node.properties().entrySet()) {
        if (CelRules.escape(p.getKey()).map(celName::equals).orElse(false)) {
          return p.getValue();
        }
      }
      return null;
    }

    private List<String> path(CelExpr e) {
      if (e.getKind() == CelExpr.ExprKind.Kind.IDENT) {
        Optional<List<String>> local = localPath(e.ident().name());
        if (local.isPresent()) {
          return local.get();
        }
      }
      List<String> path = paths.getOrDefault(e.id(), List.of());
      // Accumulators of comprehensions have no path into the object.
      return !path.isEmpty() && path.get(0).startsWith("@") ? List.of() : path;
    }

    private Optional<List<String>> localPath(String name) {
      for (Map.Entry<String, List<String>> local : locals) {
        if (local.getKey().equals(name)) {
          return Optional.of(local.getValue());
        }
      }
      return Optional.empty();
    }

    private Optional<CelType> type(CelExpr e) {
      return ast.getType(e.id());
    }
  }

  // ---- saturating arithmetic, as cel-go's ----

  static long add(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  static long multiply(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  static long factor(long size, double factor) {
    double product = Math.ceil(size * factor);
    return product >= (double) Long.MAX_VALUE ? Long.MAX_VALUE : (long) product;
  }
}
