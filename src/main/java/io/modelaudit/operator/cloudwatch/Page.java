package io.modelaudit.operator.cloudwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of a listing, as one AWS call returns it.
 *
 * @param nextToken token that asks for the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextToken) {

  public Page {
    items = List.copyOf(items);
  }

  public boolean hasNext() {
    return nextToken != null && !nextToken.isEmpty();
  }

  /**
   * Fetches every page, starting with a null token, and returns all items in order. A token that
   * repeats ends the listing, so a misbehaving service cannot make it loop forever.
   */
  public static <T> List<T> drain(Function<String, Page<T>> fetch) {
    List<T> all = new ArrayList<>();
    String token = null;
    while (true) {
      Page<T> page = fetch.apply(token);
      all.addAll(page.items());
      if (!page.hasNext() || Objects.equals(page.nextToken(), token)) {
        return List.copyOf(all);
      }
      token = page.nextToken();
    }
  }
}
