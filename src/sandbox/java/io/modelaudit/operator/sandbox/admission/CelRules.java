package io.modelaudit.operator.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;

/**
 * A CRD's {@code x-kubernetes-validations} rules compiled with cel-java, with {@code self} and
 * {@code oldSelf} typed from the schema as Kubernetes types them (objects as structs whose fields
 * are the properties, maps, lists, int, double, string, bool), and evaluated along an object the
 * way the API server does: each rule on the value at its node; transition rules (those reading
 * {@code oldSelf}) only on updates and only where the old object has a value at the same place.
 *
 * <p>The environment is CEL's standard library and macros, which is all the ModelAudit rules use.
 * Kubernetes adds its own libraries (lists, regex, url, quantity, ...): a rule calling one of them
 * does not compile here, so it cannot slip in unnoticed.
 */
public final class CelRules {

  /** CEL's reserved words, which Kubernetes escapes as {@code __word__} in property names. */
  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  private static final java.util.regex.Pattern IDENTIFIER =
      java.util.regex.Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

  /**
   * One compiled rule.
   *
   * @param node the schema node the rule sits on
   * @param index its position in the node's x-kubernetes-validations
   * @param cardinality how often the rule can run for one object: the product of the maxItems and
   *     maxProperties of the lists and maps around it; empty when one of them is unbounded
   */
  public record Rule(
      SchemaNode node,
      int index,
      String expression,
      String message,
      CelAbstractSyntaxTree ast,
      CelRuntime.Program program,
      boolean usesOldSelf,
      Optional<Long> cardinality) {

    /** Where the rule is in the CRD, as Kubernetes names it in errors about the CRD. */
    public String location() {
      return node.location() + ".x-kubernetes-validations[" + index + "].rule";
    }
  }

  /** A rule that does not compile: the CRD would be refused by a real API server. */
  public record CompileError(String location, String rule, String detail) {
    @Override
    public String toString() {
      return location + ": Invalid value: " + FieldError.quote(rule) + ": " + detail;
    }
  }

  /** Thrown when rules do not compile. */
  public static final class InvalidRulesException extends RuntimeException {
    private final List<CompileError> errors;

    InvalidRulesException(List<CompileError> errors) {
      super("x-kubernetes-validations rules do not compile: " + errors);
      this.errors = List.copyOf(errors);
    }

    public List<CompileError> errors() {
      return errors;
    }
  }

  private final SchemaNode root;
  private final Map<SchemaNode, List<Rule>> rulesByNode = new HashMap<>();
  private final List<Rule> rules = new ArrayList<>();

  private CelRules(SchemaNode root) {
    this.root = root;
  }

  /**
   * Compiles every rule of the schema.
   *
   * @throws InvalidRulesException listing every rule that does not compile
   */
  public static CelRules compile(SchemaNode root) {
    CelRules compiled = new CelRules(root);
    TypeBuilder types = new TypeBuilder();
    types.typeOf(root, "self");
    List<CompileError> errors = new ArrayList<>();
    compiled.compileNode(root, Optional.of(1L), types, errors);
    if (!errors.isEmpty()) {
      throw new InvalidRulesException(errors);
    }
    return compiled;
  }

  /** Every rule, parents first. */
  public List<Rule> rules() {
    return List.copyOf(rules);
  }

  private void compileNode(
      SchemaNode node, Optional<Long> cardinality, TypeBuilder types, List<CompileError> errors) {
    List<JsonNode> validations = node.validations();
    if (!validations.isEmpty()) {
      CelType self = types.typeOf(node, null);
      Cel cel =
          CelFactory.standardCelBuilder()
              .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
              .setTypeProvider(types.provider())
              .addVar("self", self)
              .addVar("oldSelf", self)
              .build();
      List<Rule> here = new ArrayList<>();
      for (int i = 0; i < validations.size(); i++) {
        JsonNode v = validations.get(i);
        String expression = v.path("rule").asText("");
        String location = node.location() + ".x-kubernetes-validations[" + i + "].rule";
        try {
          Rule rule = compileRule(cel, node, i, expression, v, cardinality);
          here.add(rule);
          rules.add(rule);
        } catch (RuleException e) {
          errors.add(new CompileError(location, expression, e.getMessage()));
        }
      }
      rulesByNode.put(node, here);
    }
    node.properties().values().forEach(p -> compileNode(p, cardinality, types, errors));
    if (node.items() != null) {
      compileNode(node.items(), times(cardinality, node.maxItems()), types, errors);
    }
    if (node.additionalProperties() != null) {
      compileNode(
          node.additionalProperties(), times(cardinality, node.maxProperties()), types, errors);
    }
  }

  private static Optional<Long> times(Optional<Long> cardinality, Optional<Long> max) {
    return cardinality.isPresent() && max.isPresent()
        ? Optional.of(Math.multiplyExact(cardinality.get(), max.get()))
        : Optional.empty();
  }

  /** Why one rule does not compile. */
  private static final class RuleException extends Exception {
    RuleException(String message) {
      super(message);
    }
  }

  private static Rule compileRule(
      Cel cel,
      SchemaNode node,
      int index,
      String expression,
      JsonNode validation,
      Optional<Long> cardinality)
      throws RuleException {
    if (expression.isBlank()) {
      throw new RuleException("rule is not specified");
    }
    CelValidationResult result = cel.compile(expression);
    if (result.hasError()) {
      throw new RuleException("compilation failed: " + result.getErrorString());
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = result.getAst();
    } catch (Exception e) {
      throw new RuleException("compilation failed: " + e.getMessage());
    }
    if (!SimpleType.BOOL.equals(ast.getResultType())) {
      throw new RuleException(
          "cel expression must evaluate to a bool, not " + ast.getResultType().name());
    }
    List<String> badRegexes = new ArrayList<>();
    visit(
        ast.getExpr(),
        e -> {
          if (e.getKind() == CelExpr.ExprKind.Kind.CALL
              && "matches".equals(e.call().function())
              && !e.call().args().isEmpty()) {
            CelExpr pattern = e.call().args().get(e.call().args().size() - 1);
            if (pattern.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && pattern.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
              try {
                Pattern.compile(pattern.constant().stringValue());
              } catch (PatternSyntaxException bad) {
                badRegexes.add(bad.getMessage());
              }
            }
          }
        });
    if (!badRegexes.isEmpty()) {
      throw new RuleException("compilation failed: invalid regular expression: " + badRegexes);
    }
    List<CelExpr> oldSelfReads = new ArrayList<>();
    visit(
        ast.getExpr(),
        e -> {
          if (e.getKind() == CelExpr.ExprKind.Kind.IDENT && "oldSelf".equals(e.ident().name())) {
            oldSelfReads.add(e);
          }
        });
    boolean usesOldSelf = !oldSelfReads.isEmpty();
    CelRuntime.Program program;
    try {
      program = cel.createProgram(ast);
    } catch (Exception e) {
      throw new RuleException("program creation failed: " + e.getMessage());
    }
    String message = validation.path("message").asText("").trim();
    return new Rule(
        node,
        index,
        expression,
        message.isEmpty() ? "failed rule: " + expression.trim() : message,
        ast,
        program,
        usesOldSelf,
        cardinality);
  }

  /** Calls {@code visitor} on every expression of the tree. */
  static void visit(CelExpr e, Consumer<CelExpr> visitor) {
    visitor.accept(e);
    switch (e.getKind()) {
      case SELECT -> visit(e.select().operand(), visitor);
      case CALL -> {
        e.call().target().ifPresent(t -> visit(t, visitor));
        e.call().args().forEach(a -> visit(a, visitor));
      }
      case LIST -> e.list().elements().forEach(a -> visit(a, visitor));
      case MAP ->
          e.map()
              .entries()
              .forEach(
                  en -> {
                    visit(en.key(), visitor);
                    visit(en.value(), visitor);
                  });
      case STRUCT -> e.struct().entries().forEach(f -> visit(f.value(), visitor));
      case COMPREHENSION -> {
        visit(e.comprehension().iterRange(), visitor);
        visit(e.comprehension().accuInit(), visitor);
        visit(e.comprehension().loopCondition(), visitor);
        visit(e.comprehension().loopStep(), visitor);
        visit(e.comprehension().result(), visitor);
      }
      default -> {}
    }
  }

  // ---- evaluation ----

  /**
   * Evaluates every rule along {@code object} (the whole resource, as the root schema describes
   * it). {@code old} is the stored object on an update, null on a create.
   */
  public List<FieldError> validate(JsonNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    validate(root, "", object, old, errors);
    return errors;
  }

  private void validate(
      SchemaNode node, String path, JsonNode value, JsonNode old, List<FieldError> errors) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    for (Rule rule : rulesByNode.getOrDefault(node, List.of())) {
      boolean hasOld = old != null && !old.isNull() && !old.isMissingNode();
      if (rule.usesOldSelf() && !hasOld) {
        continue;
      }
      Map<String, Object> activation = new HashMap<>();
      activation.put("self", toCel(value, node));
      if (hasOld) {
        activation.put("oldSelf", toCel(old, node));
      }
      Object shown = value.isObject() || value.isArray() ? FieldError.OMITTED : scalar(value, node);
      String field = path.isEmpty() ? "<nil>" : path;
      try {
        Object result = rule.program().eval(activation);
        if (!Boolean.TRUE.equals(result)) {
          errors.add(FieldError.invalid(field, shown, rule.message()));
        }
      } catch (CelEvaluationException | RuntimeException e) {
        // e.g. no such key, no such overload, overflow: Kubernetes reports the error with the rule
        errors.add(
            FieldError.invalid(
                field, shown, e.getMessage() + " evaluating rule: " + rule.message()));
      }
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        String key = field.getKey();
        JsonNode oldChild = old != null && old.isObject() ? old.get(key) : null;
        SchemaNode property = node.properties().get(key);
        if (property != null) {
          validate(
              property,
              path.isEmpty() ? key : path + "." + key,
              field.getValue(),
              oldChild,
              errors);
        } else if (node.additionalProperties() != null) {
          validate(
              node.additionalProperties(),
              path + "[" + key + "]",
              field.getValue(),
              oldChild,
              errors);
        }
      }
    } else if (value.isArray() && node.items() != null) {
      // Only lists of type map correlate items with the old object; this CRD has none.
      for (int i = 0; i < value.size(); i++) {
        validate(node.items(), path + "[" + i + "]", value.get(i), null, errors);
      }
    }
  }

  /** The JSON value as cel-java values of the schema's type. */
  static Object toCel(JsonNode value, SchemaNode node) {
    if (value == null || value.isNull()) {
      return dev.cel.common.values.NullValue.NULL_VALUE;
    }
    String type = node == null ? "" : node.type();
    if (node != null && node.intOrString()) {
      return value.isIntegralNumber() ? (Object) value.asLong() : value.asText();
    }
    switch (type) {
      case "integer":
        return value.asLong();
      case "number":
        return value.asDouble();
      case "string":
        return value.asText();
      case "boolean":
        return value.asBoolean();
      default:
        break;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      value.forEach(v -> list.add(toCel(v, node == null ? null : node.items())));
      return list;
    }
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      boolean struct = node != null && !node.properties().isEmpty();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        if (field.getValue().isNull()) {
          continue;
        }
        if (struct) {
          SchemaNode property = node.properties().get(field.getKey());
          Optional<String> name = escape(field.getKey());
          if (property != null && name.isPresent()) {
            map.put(name.get(), toCel(field.getValue(), property));
          }
        } else {
          map.put(
              field.getKey(),
              toCel(field.getValue(), node == null ? null : node.additionalProperties()));
        }
      }
      return map;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return value.asText();
  }

  private static Object scalar(JsonNode value, SchemaNode node) {
    if ("integer".equals(node.type())
        || (value.isIntegralNumber() && !"number".equals(node.type()))) {
      return value.asLong();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return value.asText();
  }

  /**
   * A property's name in CEL, escaped as Kubernetes does; empty when CEL cannot reach it. Reserved
   * words become {@code __word__}; {@code __ . - /} become {@code __underscores__ __dot__ __dash__
   * __slash__}.
   */
  static Optional<String> escape(String name) {
    if (RESERVED.contains(name)) {
      return Optional.of("__" + name + "__");
    }
    String escaped =
        name.replace("__", "__underscores__")
            .replace(".", "__dot__")
            .replace("-", "__dash__")
            .replace("/", "__slash__");
    Matcher m = IDENTIFIER.matcher(escaped);
    return m.matches() ? Optional.of(escaped) : Optional.empty();
  }

  // ---- types ----

  /** CEL types of the schema's nodes; objects with properties become struct types. */
  private static final class TypeBuilder {
    private final Map<SchemaNode, CelType> types = new HashMap<>();
    private final Map<String, CelType> structs = new LinkedHashMap<>();

    CelType typeOf(SchemaNode node, String name) {
      CelType known = types.get(node);
      if (known != null) {
        return known;
      }
      CelType type = build(node, name == null ? "self" : name);
      types.put(node, type);
      return type;
    }

    private CelType build(SchemaNode node, String name) {
      if (node.intOrString() || node.preservesUnknownFields() && node.properties().isEmpty()) {
        return SimpleType.DYN;
      }
      switch (node.type()) {
        case "string":
          return SimpleType.STRING;
        case "integer":
          return SimpleType.INT;
        case "number":
          return SimpleType.DOUBLE;
        case "boolean":
          return SimpleType.BOOL;
        case "array":
          return ListType.create(
              node.items() == null ? SimpleType.DYN : typeOf(node.items(), name + ".@items"));
        case "object":
          if (node.additionalProperties() != null) {
            return MapType.create(
                SimpleType.STRING, typeOf(node.additionalProperties(), name + ".@values"));
          }
          if (node.properties().isEmpty()) {
            return MapType.create(SimpleType.STRING, SimpleType.DYN);
          }
          Map<String, CelType> fields = new LinkedHashMap<>();
          node.properties()
              .forEach(
                  (key, property) ->
                      escape(key)
                          .ifPresent(
                              escaped -> fields.put(escaped, typeOf(property, name + "." + key))));
          String typeName =
              "modelaudit.sandbox.schema." + node.location().replaceAll("[^A-Za-z0-9]+", "_");
          StructType struct =
              StructType.create(
                  typeName,
                  ImmutableSet.copyOf(fields.keySet()),
                  field -> Optional.ofNullable(fields.get(field)));
          structs.put(typeName, struct);
          return struct;
        default:
          return SimpleType.DYN;
      }
    }

    CelTypeProvider provider() {
      Map<String, CelType> snapshot = Map.copyOf(structs);
      return new CelTypeProvider() {
        @Override
        public ImmutableCollection<CelType> types() {
          return ImmutableList.copyOf(snapshot.values());
        }

        @Override
        public Optional<CelType> findType(String typeName) {
          return Optional.ofNullable(snapshot.get(typeName));
        }
      };
    }
  }
}
