package io.modelaudit.operator.sandbox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Kubernetes REST path: {@code /api/v1/namespaces/ml-prod/events} or {@code
 * /apis/modelaudit.io/v1alpha1/namespaces/ml-prod/modelaudits/fraud-detector/status}.
 *
 * @param group empty for the core group
 * @param namespace null for cluster-wide paths
 * @param name null for collections
 * @param subresource null unless the path names one (status, scale)
 */
record ResourcePath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource) {

  private static final Pattern PATH =
      Pattern.compile(
          "^/(?:api|apis/(?<group>[^/]+))/(?<version>[^/]+)"
              + "(?:/namespaces/(?<namespace>[^/]+))?/(?<plural>[^/]+)"
              + "(?:/(?<name>[^/]+))?(?:/(?<sub>[^/]+))?$");

  /** Parses the path part of a request (no query string); empty when it names no resource. */
  static Optional<ResourcePath> parse(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String group = m.group("group") == null ? "" : m.group("group");
    return Optional.of(
        new ResourcePath(
            group,
            m.group("version"),
            m.group("namespace"),
            m.group("plural"),
            m.group("name"),
            m.group("sub")));
  }

  boolean isCollection() {
    return name == null;
  }

  /** As kubectl names a resource type in messages: {@code modelaudits.modelaudit.io}. */
  String qualifiedResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }
}
