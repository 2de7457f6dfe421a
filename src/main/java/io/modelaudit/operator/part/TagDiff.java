package io.modelaudit.operator.part;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** How the tags a resource has differ from those it should have. */
public final class TagDiff {

  private TagDiff() {}

  /** Tags that are absent or have another value. */
  public static Map<String, String> missing(Map<String, String> want, Map<String, String> has) {
    Map<String, String> missing = new LinkedHashMap<>();
    want.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(e -> !e.getValue().equals(has.get(e.getKey())))
        .forEach(e -> missing.put(e.getKey(), e.getValue()));
    return missing;
  }

  /** Tags present in AWS but not desired; AWS's own aws: tags are left alone. */
  public static Set<String> extra(Map<String, String> want, Map<String, String> has) {
    return has.keySet().stream()
        .filter(k -> !want.containsKey(k) && !Tags.isAwsReserved(k))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
