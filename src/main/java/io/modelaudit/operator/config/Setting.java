package io.modelaudit.operator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One environment variable of the operator, declared once in {@link Settings}: its name, its
 * default, what it means and how its text becomes a checked value. {@link
 * OperatorConfig#fromEnvironment} reads it, Main logs it, and the configuration reference in
 * docs/configuration.md is generated from it.
 *
 * @param variable the environment variable
 * @param fallbacks variables read, in this order, when {@code variable} is unset or blank
 * @param defaultText the default, written as a value of the variable; parsed like one
 * @param shownDefault the default as the configuration reference shows it (Markdown)
 * @param description what the setting does (Markdown)
 * @param parser turns trimmed text into a value; throws {@link IllegalArgumentException} saying
 *     what it expected
 * @param check throws {@link IllegalArgumentException} saying what is allowed when a value is not
 * @param format shows a value in the start-up log
 * @param keepsEmptyValue whether an empty variable is a value of its own rather than "use the
 *     default"
 * @param field where {@link OperatorConfig} keeps the value; null when logback.xml reads the
 *     variable instead (see {@link #readByLogback})
 * @param <T> the value's type
 */
public record Setting<T>(
    String variable,
    List<String> fallbacks,
    String defaultText,
    String shownDefault,
    String description,
    Function<String, T> parser,
    Consumer<? super T> check,
    Function<? super T, String> format,
    boolean keepsEmptyValue,
    Function<OperatorConfig, T> field) {

  public Setting {
    Objects.requireNonNull(variable, "variable");
    fallbacks = List.copyOf(fallbacks);
    Objects.requireNonNull(defaultText, "defaultText");
    Objects.requireNonNull(shownDefault, "shownDefault");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(format, "format");
  }

  /** A setting the operator reads into {@code field}; its default is shown as written. */
  public static <T> Setting<T> of(
      String variable,
      String defaultText,
      Function<String, T> parser,
      Function<OperatorConfig, T> field,
      String description) {
    return new Setting<>(
        variable,
        List.of(),
        defaultText,
        defaultText.isEmpty() ? "empty" : "`" + defaultText + "`",
        description,
        parser,
        value -> {},
        Parsers::show,
        false,
        Objects.requireNonNull(field, "field"));
  }

  /**
   * A setting that logback.xml reads as {@code ${VARIABLE:-default}} when logging starts, before
   * the operator's code runs; the operator only documents and logs it.
   */
  public static Setting<String> readByLogback(
      String variable, String defaultText, String description) {
    return new Setting<>(
        variable,
        List.of(),
        defaultText,
        "`" + defaultText + "`",
        description,
        text -> text,
        value -> {},
        Parsers::show,
        false,
        null);
  }

  /**
   * The same setting, reading {@code fallback} when the variable (and earlier fallbacks) is unset.
   */
  public Setting<T> orElse(String fallback) {
    List<String> more = new ArrayList<>(fallbacks);
    more.add(fallback);
    return new Setting<>(
        variable,
        more,
        defaultText,
        shownDefault,
        description,
        parser,
        check,
        format,
        keepsEmptyValue,
        field);
  }

  /** The same setting, its default shown in the reference as this Markdown. */
  public Setting<T> shownAs(String markdown) {
    return new Setting<>(
        variable,
        fallbacks,
        defaultText,
        markdown,
        description,
        parser,
        check,
        format,
        keepsEmptyValue,
        field);
  }

  /** The same setting, allowing only values this check accepts (it throws for the others). */
  public Setting<T> allowing(Consumer<? super T> allowed) {
    return new Setting<>(
        variable,
        fallbacks,
        defaultText,
        shownDefault,
        description,
        parser,
        allowed,
        format,
        keepsEmptyValue,
        field);
  }

  /** The same setting, logged at start in this form. */
  public Setting<T> shownInLogAs(Function<? super T, String> logFormat) {
    return new Setting<>(
        variable,
        fallbacks,
        defaultText,
        shownDefault,
        description,
        parser,
        check,
        logFormat,
        keepsEmptyValue,
        field);
  }

  /** The same setting, where a variable set to the empty string is that value, not the default. */
  public Setting<T> emptyIsAValue() {
    return new Setting<>(
        variable,
        fallbacks,
        defaultText,
        shownDefault,
        description,
        parser,
        check,
        format,
        true,
        field);
  }

  /** Whether logback.xml reads this variable rather than {@link OperatorConfig}. */
  public boolean isReadByLogback() {
    return field == null;
  }

  /** The default value. */
  public T defaultValue() {
    return parse(variable, defaultText);
  }

  /**
   * The value in this environment: the variable's, else the first fallback's, else the default.
   * Throws {@link IllegalArgumentException} naming the variable that holds a bad value and what is
   * allowed.
   */
  public T read(Map<String, String> env) {
    if (keepsEmptyValue) {
      String text = env.get(variable);
      return text == null ? defaultValue() : parse(variable, text);
    }
    for (String name : names()) {
      String text = env.get(name);
      if (text != null && !text.isBlank()) {
        return parse(name, text.trim());
      }
    }
    return defaultValue();
  }

  /** The value, when {@link #check} allows it; else an {@link IllegalArgumentException}. */
  public T checked(T value) {
    try {
      check.accept(value);
      return value;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + ": " + e.getMessage(), e);
    }
  }

  /** The variable followed by its fallbacks. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(variable);
    names.addAll(fallbacks);
    return names;
  }

  /** This setting's value in a configuration (for logback's settings: in the environment). */
  public String describe(OperatorConfig config, Map<String, String> env) {
    T value = isReadByLogback() ? read(env) : field.apply(config);
    return variable + "=" + format.apply(value);
  }

  private T parse(String name, String text) {
    T value;
    try {
      value = parser.apply(text);
      check.accept(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    return value;
  }
}
