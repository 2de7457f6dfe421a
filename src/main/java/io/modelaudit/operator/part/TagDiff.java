package io.modelaudit.operator.part;

import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * Tags present in AWS but not desired; AWS's own aws: tags are left alone, and so are the
   * operator's origin and uid tags, which only claims set.
   */
  public static Set<String> extra(Map<String, String> want, Map<String, String> has) {
    return has.keySet().stream()
        .filter(k -> !want.containsKey(k) && !Tags.isAwsReserved(k) && !isClaimOnly(k))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Of the tags present in AWS but not desired, those this operator may remove from a resource it
   * adopted: its own keys, and the keys it added itself (not among those the resource had before).
   *
   * @param preexisting tag keys the resource had when it was adopted; null when that is unknown,
   *     and then only the operator's own keys go
   */
  public static Set<String> extraOnAdopted(
      Map<String, String> want, Map<String, String> has, List<String> preexisting) {
    return extra(want, has).stream()
        .filter(k -> Tags.isOperators(k) || (preexisting != null && !preexisting.contains(k)))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The tags to remove to give an adopted resource back as it was found: every one of the
   * operator's own, and those it added (not among the keys the resource had before).
   *
   * @param preexisting tag keys the resource had when it was adopted; null when that is unknown,
   *     and then only the operator's own keys go
   */
  public static Set<String> toRelease(Map<String, String> has, List<String> preexisting) {
    return has.keySet().stream()
        .filter(k -> !Tags.isAwsReserved(k))
        .filter(k -> Tags.isOperators(k) || (preexisting != null && !preexisting.contains(k)))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * How many tags would be over AWS's limit of {@value Tags#MAX_PER_RESOURCE} after adding these
   * and removing those; 0 when they fit. AWS's own aws: tags do not count.
   */
  public static int overLimit(
      Map<String, String> has, Map<String, String> add, Set<String> remove) {
    Set<String> after = new TreeSet<>(has.keySet());
    after.removeAll(remove);
    after.addAll(add.keySet());
    long counted = after.stream().filter(k -> !Tags.isAwsReserved(k)).count();
    return (int) Math.max(0, counted - Tags.MAX_PER_RESOURCE);
  }

  /**
   * Whether adding before removing would pass AWS's limit on the way, so the removals must come
   * first.
   */
  public static boolean untagFirst(Map<String, String> has, Map<String, String> add) {
    return overLimit(has, add, Set.of()) > 0;
  }

  private static boolean isClaimOnly(String key) {
    return key.equals(Tags.ORIGIN) || key.equals(Tags.OWNER_UID);
  }
}
