package io.modelaudit.operator.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions that may name the ModelAudit's namespace as {@code {namespace}}, e.g. {@code
 * ^arn:aws[a-z-]*:firehose:.*:deliverystream/modelaudit\.{namespace}\..+$}: the tenancy policy of
 * ARNs a namespace may use. The namespace is put in literally (quoted), so it never acts as a
 * pattern itself.
 *
 * @param templates the expressions as configured; empty allows nothing
 */
public record NamespacedPatterns(List<String> templates) {

  /** The placeholder replaced by the ModelAudit's namespace. */
  public static final String NAMESPACE = "{namespace}";

  public NamespacedPatterns {
    templates = List.copyOf(templates);
    for (String template : templates) {
      try {
        compile(template, "namespace");
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("not a valid regular expression: " + template, e);
      }
    }
  }

  /** Parses comma-separated templates; each must compile once the namespace is put in. */
  static NamespacedPatterns parse(String text) {
    return new NamespacedPatterns(Parsers.csv(text));
  }

  /** The expressions for this namespace. */
  public List<Pattern> forNamespace(String namespace) {
    return templates.stream().map(t -> compile(t, namespace)).toList();
  }

  /** Whether the value matches one of the expressions for this namespace. */
  public boolean allows(String namespace, String value) {
    return forNamespace(namespace).stream().anyMatch(p -> p.matcher(value).matches());
  }

  /** The expressions for this namespace as text, for messages. */
  public List<String> describe(String namespace) {
    return forNamespace(namespace).stream().map(Pattern::pattern).toList();
  }

  private static Pattern compile(String template, String namespace) {
    return Pattern.compile(template.replace(NAMESPACE, Pattern.quote(namespace)));
  }

  @Override
  public String toString() {
    return String.join(",", templates);
  }
}
