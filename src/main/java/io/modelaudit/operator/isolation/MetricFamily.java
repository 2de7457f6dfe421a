package io.modelaudit.operator.isolation;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The CloudWatch metrics of one namespace and name in one region with one set of dimension names. A
 * metric filter publishes into a whole family (its dimension values come from the events), and an
 * alarm's metric lies in exactly one; so two ModelAudits share a metric exactly when they claim the
 * same family.
 *
 * @param dimensionNames sorted, without duplicates
 */
public record MetricFamily(
    String region, String namespace, String name, List<String> dimensionNames) {

  private static final char SEPARATOR = '\u001f';

  public MetricFamily {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    dimensionNames = dimensionNames.stream().distinct().sorted().toList();
  }

  public static MetricFamily of(
      String region, String namespace, String name, Collection<String> dimensionNames) {
    return new MetricFamily(
        region,
        namespace,
        name,
        dimensionNames == null
            ? List.of()
            : dimensionNames.stream().filter(Objects::nonNull).toList());
  }

  /** A text that is equal exactly for equal families, for an index. */
  public String key() {
    StringBuilder key = new StringBuilder(region).append(SEPARATOR);
    key.append(namespace).append(SEPARATOR).append(name);
    dimensionNames.forEach(d -> key.append(SEPARATOR).append(d));
    return key.toString();
  }

  /** "AIModelAuditing/EventCount (no dimensions) in us-east-1", for messages. */
  public String describe() {
    return namespace
        + "/"
        + name
        + (dimensionNames.isEmpty()
            ? " (no dimensions)"
            : (dimensionNames.size() == 1 ? " with dimension " : " with dimensions ")
                + String.join(", ", dimensionNames))
        + " in "
        + region;
  }
}
